-- One-time codes (password reset, magic link, email verification) and verified addresses. Plain SQL for
-- PostgreSQL 15+ and H2 2.x, like V1.

-- Whether the user proved control of the address (verification code, magic link or password reset).
alter table app_user add column email_verified boolean default false not null;

-- Only the code's hex SHA-256 is stored, never the code. A code is found by (tenant, kind, email), the newest
-- counting, or by its hash for link codes. user_id is empty for a magic link to an address without a user yet
-- (the tenant creates users on first magic-link sign-in); it has no foreign key, so deleting a user does not
-- depend on its codes, which expire on their own.
create table one_time_code (
    id              uuid                        not null primary key,
    tenant_id       uuid                        not null references tenant (id),
    kind            varchar(32)                 not null, -- CodeKind name
    email           varchar(254)                not null, -- normalised by EmailAddress
    user_id         uuid,
    code_hash       varchar(64)                 not null,
    created         timestamp(6) with time zone not null,
    expires_at      timestamp(6) with time zone not null,
    failed_attempts int default 0               not null, -- wrong tries; at 5 the code is refused for good
    used_at         timestamp(6) with time zone           -- set once, by the conditional update that uses it
);
create index one_time_code_target_idx on one_time_code (tenant_id, kind, email, created);
create index one_time_code_hash_idx on one_time_code (code_hash);
-- For the cleanup of expired codes.
create index one_time_code_expiry_idx on one_time_code (expires_at);
