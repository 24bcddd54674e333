-- Gatehouse's initial schema. Plain SQL that runs unchanged on PostgreSQL 15+ and on H2 2.x opened with
-- DATABASE_TO_LOWER=TRUE; jOOQ generates its classes from this file at build time. Ids are UUIDs chosen by
-- the application, never by the database. Every row below the tenant carries tenant_id, and every query
-- filters on it.

create table tenant (
    id                  uuid                        not null primary key,
    name                varchar(100)                not null,
    allowed_origins     varchar(4000) default ''    not null, -- newline-separated, normalised by the domain
    password_min_length int                         not null,
    password_max_length int                         not null,
    created             timestamp(6) with time zone not null
);

-- The keys browser clients send to name their tenant; the tenant's publicKey is its oldest one.
-- "key" is quoted because it is a reserved word in H2.
create table publishable_key (
    "key"      varchar(200)                not null primary key,
    tenant_id  uuid                        not null references tenant (id),
    created    timestamp(6) with time zone not null,
    revoked_at timestamp(6) with time zone
);
create index publishable_key_tenant_idx on publishable_key (tenant_id, created);

create table account (
    id        uuid                        not null primary key,
    tenant_id uuid                        not null references tenant (id),
    name      varchar(200)                not null,
    created   timestamp(6) with time zone not null,
    constraint account_tenant_id_uq unique (tenant_id, id) -- target of app_user's tenant-safe foreign key
);

create table app_user (
    id            uuid                        not null primary key,
    tenant_id     uuid                        not null,
    account_id    uuid                        not null,
    email         varchar(254)                not null, -- already normalised (lower-cased) by EmailAddress
    password_hash varchar(255)                not null,
    role          int                         not null, -- Role.level(): 0 user, 50 account admin, 100 root
    status        varchar(16)                 not null, -- UserStatus name
    created       timestamp(6) with time zone not null,
    -- A user's account always belongs to the user's own tenant.
    constraint app_user_account_fk foreign key (tenant_id, account_id) references account (tenant_id, id)
);
-- The store, not a prior read, decides that an email is taken (JooqUserRepository relies on this name).
create unique index app_user_tenant_email_uq on app_user (tenant_id, email);
-- Keyset paging of an account's members.
create index app_user_account_created_idx on app_user (account_id, created, id);

-- Token signing keys. Partial unique indexes are not portable to H2, so "active" is a column that holds the
-- tenant's id on its one active key and null on retired keys: the unique constraint on it lets the store,
-- not the application, guarantee at most one active key per tenant, also across processes.
create table signing_key (
    kid              varchar(64)                 not null primary key,
    tenant_id        uuid                        not null references tenant (id),
    algorithm        varchar(16)                 not null,
    public_key       varchar(4000)               not null, -- a JWK as JSON
    private_key_enc  bytea                       not null, -- encrypted by the token adapter with the master key
    created          timestamp(6) with time zone not null,
    active_tenant_id uuid,
    constraint signing_key_one_active_per_tenant unique (active_tenant_id),
    constraint signing_key_active_of_own_tenant check (active_tenant_id is null or active_tenant_id = tenant_id)
);
create index signing_key_tenant_idx on signing_key (tenant_id, created);
