-- Second factors (issue 13): a user's TOTP factor and recovery codes. Plain SQL for PostgreSQL 15+ and H2 2.x,
-- like V1. Both tables hang off the user through the tenant-safe key (tenant_id, id) of V2, on delete cascade:
-- a deleted user's factors go with the user.

-- At most one TOTP factor per user: pending (confirmed_at null) from enrolment until its first right code,
-- confirmed after. The secret is stored only sealed with the master key (SecretSealer: AES-256-GCM, bound to the
-- tenant and user), never in clear. last_used_step is the latest RFC 6238 time step whose code was accepted;
-- the conditional update that records a step (only if it is later) is what refuses a replayed code, also when
-- two processes check the same code at once.
create table mfa_totp (
    tenant_id      uuid                        not null,
    user_id        uuid                        not null,
    secret_sealed  varchar(512)                not null,
    created_at     timestamp(6) with time zone not null,
    confirmed_at   timestamp(6) with time zone,
    last_used_step bigint,
    constraint mfa_totp_pk primary key (tenant_id, user_id),
    constraint mfa_totp_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
);

-- Single-use recovery codes, by hex SHA-256 (RecoveryCode.hash, salted with the user id); the codes themselves
-- are never stored. used_at is set once, by the conditional update that uses the code.
create table mfa_recovery_code (
    tenant_id  uuid                        not null,
    user_id    uuid                        not null,
    code_hash  varchar(64)                 not null,
    created_at timestamp(6) with time zone not null,
    used_at    timestamp(6) with time zone,
    constraint mfa_recovery_code_pk primary key (tenant_id, user_id, code_hash),
    constraint mfa_recovery_code_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
        on delete cascade
);
