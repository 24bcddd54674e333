-- Sign-in sessions and the refresh grants bound to them (docs/adr/0008-session-revocation.md). Plain SQL for
-- PostgreSQL 15+ and H2 2.x, like V1.

-- Once the target of user_session's tenant-safe foreign key to app_user, which is gone (see below); kept
-- because dropping it gains nothing.
alter table app_user add constraint app_user_tenant_id_uq unique (tenant_id, id);

-- Named user_session because SESSION is an SQL key word. No foreign key to app_user: a deleted user's sessions
-- (revoked before the delete) stay, so that every process's revocation feed still sees their revocation until
-- they expire. That the session's user belongs to the session's tenant is therefore the application's to keep.
create table user_session (
    id                uuid                        not null primary key,
    tenant_id         uuid                        not null,
    user_id           uuid                        not null,
    account_id        uuid                        not null,
    -- ClientInfo, '' when unknown. Its limits are 64 and 512 code points; H2 counts a varchar's length in
    -- UTF-16 units, where a code point outside the Basic Multilingual Plane takes two, hence twice as many.
    ip_address        varchar(128)                not null,
    user_agent        varchar(1024)               not null,
    created_at        timestamp(6) with time zone not null,
    last_used_at      timestamp(6) with time zone not null,
    expires_at        timestamp(6) with time zone not null,
    revoked_at        timestamp(6) with time zone,
    revocation_reason varchar(32), -- RevocationReason name
    constraint user_session_revocation_ck check ((revoked_at is null and revocation_reason is null)
        or (revoked_at is not null and revocation_reason is not null))
);
-- A user's sessions.
create index user_session_tenant_user_idx on user_session (tenant_id, user_id);
-- The revocation feed: every process asks for revoked_at >= ? twice a second, a range scan of this index.
create index user_session_revoked_at_idx on user_session (revoked_at);

-- Refresh tokens are stored only as their hex SHA-256.
create table refresh_grant (
    token_hash varchar(64)                 not null primary key,
    session_id uuid                        not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    used_at    timestamp(6) with time zone, -- set once, by the conditional update of a rotation
    constraint refresh_grant_session_fk foreign key (session_id) references user_session (id) on delete cascade
);
create index refresh_grant_session_idx on refresh_grant (session_id);
