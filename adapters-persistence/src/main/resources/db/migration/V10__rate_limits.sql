-- Rate limits and brute-force protection (ADR 0017). Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.

-- Hit counters of fixed windows; a sliding-window limit reads the current and the previous window of a bucket.
-- bucket is an opaque hash of (tenant, limit kind, subject): no email or address is stored.
create table rate_limit_window (
    bucket       varchar(64)                 not null,
    window_start timestamp(6) with time zone not null,
    hits         bigint                      not null,
    -- set once, by a conditional update, the first time the window goes over its limit (audited once per window)
    tripped      boolean                     not null,
    -- window_start plus two windows: after that no limit reads the row, and housekeeping may delete it
    expires_at   timestamp(6) with time zone not null,
    primary key (bucket, window_start)
);
create index rate_limit_window_expiry_idx on rate_limit_window (expires_at);

-- The sources (hashed client address prefixes) each account (hashed tenant and normalised email) signed in from
-- successfully: exempt from that account's failed-login cap for 30 days.
create table login_source (
    account_key     varchar(64)                 not null,
    source_key      varchar(64)                 not null,
    last_success_at timestamp(6) with time zone not null,
    primary key (account_key, source_key)
);
create index login_source_age_idx on login_source (last_success_at);
