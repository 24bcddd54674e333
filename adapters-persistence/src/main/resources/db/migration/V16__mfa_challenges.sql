-- Sign-in with a second factor (issue 13): when a session's user last proved who they are. Plain SQL for
-- PostgreSQL 15+ and H2 2.x, like V1.

-- The last time the session's user proved who they are (a password, a second factor, a magic link or a provider
-- sign-in), for step-up re-authentication. Sessions opened before this migration count as proved when they opened.
alter table user_session add column proved_at timestamp(6) with time zone;
update user_session set proved_at = created_at;
alter table user_session alter column proved_at set not null;
