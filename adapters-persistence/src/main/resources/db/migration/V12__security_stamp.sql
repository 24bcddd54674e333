-- The security stamp (docs/adr/0008-session-revocation.md): a per-user version that every session-ending change
-- (a password set, changed, reset or removed, a disable, a role change, a move to another account, the first
-- proof of the mailbox) advances in its own transaction, under the user row's lock, before it ends the user's
-- sessions. A sign-in reads it when it starts and stores its session only if the stamp is still the same, under
-- the same lock; the session keeps the stamp it was opened with, and a refresh needs it to still be the user's.
-- Plain SQL for PostgreSQL 15+ and H2 2.x, like V1. Existing rows start at 0 on both sides, so that sessions
-- opened before this migration keep working.
alter table app_user add column security_stamp bigint default 0 not null;
alter table user_session add column security_stamp bigint default 0 not null;
