-- Sign-in with a second factor (issue 13): when a session's user last proved who they are, and the challenges of
-- sign-ins that still need their second factor. Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.

-- The last time the session's user proved who they are (a password, a second factor, a magic link or a provider
-- sign-in), for step-up re-authentication. Sessions opened before this migration count as proved when they opened.
alter table user_session add column proved_at timestamp(6) with time zone;
update user_session set proved_at = created_at;
alter table user_session alter column proved_at set not null;

-- The short-lived token of a sign-in whose password was right and which still needs its second factor (VERIFY) or,
-- when the tenant requires one, the user's first enrolment (ENROL). Only the token's hex SHA-256 is stored, never
-- the token. Spending it and counting a wrong code are single conditional statements, so that of concurrent ones,
-- in any process, one spends it and every wrong code counts. It hangs off the user like the V15 tables, on delete
-- cascade.
create table mfa_challenge (
    token_hash varchar(64)                 not null primary key,
    tenant_id  uuid                        not null,
    user_id    uuid                        not null,
    purpose    varchar(16)                 not null, -- MfaChallenge.Purpose name
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    failures   int default 0               not null, -- wrong codes; at 5 the challenge is refused for good
    security_stamp bigint                  not null, -- the user's stamp when issued: a later change voids it
    constraint mfa_challenge_failures_ck check (failures >= 0),
    constraint mfa_challenge_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
        on delete cascade
);
-- The housekeeping delete of expired challenges.
create index mfa_challenge_expiry_idx on mfa_challenge (expires_at);
-- A factor change or an admin reset deletes the user's open challenges.
create index mfa_challenge_user_idx on mfa_challenge (tenant_id, user_id);
