-- Secret API keys (sk_...) of a tenant. Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.

-- Only the key's hex SHA-256 is stored, never the key; display_prefix is its first characters, for listings.
create table secret_key (
    id             uuid                        not null primary key,
    tenant_id      uuid                        not null references tenant (id),
    -- At most SecretKey.MAX_NAME_LENGTH UTF-16 units, which is how H2 counts a varchar's length (PostgreSQL
    -- counts code points, of which there are never more).
    name           varchar(100)                not null,
    display_prefix varchar(16)                 not null,
    key_hash       varchar(64)                 not null,
    scopes         varchar(500)                not null, -- Scope wire names, space-separated, e.g. 'users:read keys:admin'
    created        timestamp(6) with time zone not null,
    last_used_at   timestamp(6) with time zone,          -- coarse: written at most once a minute per key
    revoked_at     timestamp(6) with time zone,          -- set once, by the conditional update of a revocation
    -- Authentication looks keys up by this; the store, not a prior read, refuses a second key with the same hash.
    constraint secret_key_hash_uq unique (key_hash)
);
-- A tenant's keys, newest first.
create index secret_key_tenant_idx on secret_key (tenant_id, created);
