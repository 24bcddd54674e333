-- Confirmed email change (docs/adr/0027-email-change.md): a user's change waiting for the code mailed to the new
-- address, and the "this was not me" reverts mailed to the old address once a change is made. Plain SQL for
-- PostgreSQL 15+ and H2 2.x, like V1. Both tables hang off the user through the tenant-safe key (tenant_id, id) of
-- V2, on delete cascade like the V15 and V17 tables: a deleted user's rows go with the user.

-- At most one pending change per user: a new start replaces it (and its code). Only the code's hex SHA-256 is stored
-- (CodeHash.ofTypedCode). id tells a replaced change from its successor, so a wrong code counted late, or a take of a
-- replaced change, touches nothing. Taking the change is one delete conditional on it being live; a wrong try is one
-- update that adds one to the row as it stands.
create table email_change (
    tenant_id       uuid                        not null,
    user_id         uuid                        not null,
    id              uuid                        not null,
    new_email       varchar(254)                not null, -- normalised by EmailAddress, like app_user.email
    code_hash       varchar(64)                 not null,
    failed_attempts int                         not null,
    created_at      timestamp(6) with time zone not null,
    expires_at      timestamp(6) with time zone not null,
    constraint email_change_pk primary key (tenant_id, user_id),
    constraint email_change_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
        on delete cascade
);
-- The housekeeping delete of expired changes.
create index email_change_expiry_idx on email_change (expires_at);

-- The revert of a confirmed change, by the hex SHA-256 of its 256-bit token (never the token). used_at is set once,
-- by the conditional update that uses it, or when an earlier revert of the same user voids it.
create table email_change_revert (
    token_hash varchar(64)                 not null primary key,
    tenant_id  uuid                        not null,
    user_id    uuid                        not null,
    old_email  varchar(254)                not null,
    new_email  varchar(254)                not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    used_at    timestamp(6) with time zone,
    constraint email_change_revert_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
        on delete cascade
);
-- A user's reverts (voiding the later ones, deleting a user's).
create index email_change_revert_user_idx on email_change_revert (tenant_id, user_id, created_at);
-- The housekeeping delete of expired reverts.
create index email_change_revert_expiry_idx on email_change_revert (expires_at);
