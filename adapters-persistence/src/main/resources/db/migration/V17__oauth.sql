-- Social / OpenID Connect sign-in (issue 14): a tenant's sign-in providers, the provider accounts linked to users,
-- and the short-lived state of browser sign-ins. Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.

-- A tenant's sign-in provider under its own name. The client secret is stored only sealed with the master key
-- (SecretSealer: AES-256-GCM, bound to the tenant and the name), never in clear. scopes are space-separated (a
-- scope never holds a space); issuer is null only for github.com.
create table oauth_provider (
    tenant_id              uuid                        not null references tenant (id),
    name                   varchar(32)                 not null, -- OAuthProvider.requireName: [a-z0-9-]{1,32}
    type                   varchar(16)                 not null, -- ProviderType name
    client_id              varchar(500)                not null,
    client_secret_sealed   varchar(4000)               not null,
    issuer                 varchar(500),
    scopes                 varchar(2100)               not null, -- at most 20 scopes of at most 100 characters
    link_by_verified_email boolean                     not null,
    updated_at             timestamp(6) with time zone not null,
    constraint oauth_provider_pk primary key (tenant_id, name)
);

-- A provider account linked to a user. The store, not a prior read, decides that the provider account
-- (issuer, subject) is linked already (JooqIdentityRepository relies on the unique constraint's name). It hangs off
-- the user through the tenant-safe key (tenant_id, id) of V2, on delete cascade, like the V15 tables: a deleted
-- user's identities go with the user.
create table user_identity (
    id            uuid                        not null primary key,
    tenant_id     uuid                        not null,
    user_id       uuid                        not null,
    provider_name varchar(32)                 not null, -- the provider it was linked through (only a label)
    issuer        varchar(500)                not null,
    subject       varchar(255)                not null,
    email         varchar(1000),                        -- what the provider said, as it said it
    linked_at     timestamp(6) with time zone not null,
    constraint user_identity_subject_uq unique (tenant_id, issuer, subject),
    constraint user_identity_user_fk foreign key (tenant_id, user_id) references app_user (tenant_id, id)
        on delete cascade
);
-- A user's identities, oldest first.
create index user_identity_user_idx on user_identity (tenant_id, user_id);

-- A browser sign-in started at a provider and not finished: keyed by the hex SHA-256 of the state sent to the
-- provider; the browser-binding cookie only by its hash too. Taken (deleted) by the callback in one statement, so
-- of concurrent callbacks in any process exactly one gets it. No foreign key to the user a link flow names: the
-- callback checks the user, and housekeeping deletes the row once it expires.
create table oauth_flow (
    state_hash         varchar(64)                 not null primary key,
    tenant_id          uuid                        not null references tenant (id),
    provider_name      varchar(32)                 not null,
    purpose            varchar(16)                 not null, -- OAuthFlow.Purpose name
    nonce              varchar(256)                not null,
    code_verifier      varchar(256)                not null,
    browser_hash       varchar(64)                 not null,
    redirect_uri       varchar(2000),                        -- the app's; null for the compat flow
    app_state          varchar(1000),
    app_code_challenge varchar(128),
    link_user_id       uuid,                                 -- the user a LINK flow links to
    request_id         varchar(128),                         -- the compat client's reqid
    source             varchar(100)                not null,
    created_at         timestamp(6) with time zone not null,
    expires_at         timestamp(6) with time zone not null
);
-- The housekeeping delete of expired flows.
create index oauth_flow_expiry_idx on oauth_flow (expires_at);

-- A finished provider sign-in waiting for the app: the one-time code's hash (EXCHANGE, LINK) or the tenant-scoped
-- request id's hash (COMPAT), with the profile the provider asserted. Taken (deleted) in one statement, like a flow.
-- Not tied to the user by a foreign key: it lives for two minutes at most, and the exchange re-reads the user.
create table oauth_grant (
    tenant_id          uuid                        not null references tenant (id),
    kind               varchar(16)                 not null, -- OAuthGrant.Kind name
    grant_key          varchar(128)                not null,
    user_id            uuid                        not null,
    provider_name      varchar(32)                 not null,
    app_code_challenge varchar(128),
    source             varchar(100)                not null,
    issuer             varchar(500)                not null,
    subject            varchar(255)                not null,
    email              varchar(1000),
    email_verified     boolean                     not null,
    name               varchar(1000),
    given_name         varchar(1000),
    family_name        varchar(1000),
    picture_url        varchar(4000),
    created_at         timestamp(6) with time zone not null,
    expires_at         timestamp(6) with time zone not null,
    constraint oauth_grant_pk primary key (tenant_id, kind, grant_key)
);
-- The housekeeping delete of expired grants.
create index oauth_grant_expiry_idx on oauth_grant (expires_at);
