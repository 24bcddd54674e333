-- Outgoing mail (the outbox) and each tenant's mail templates. Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.

-- One row per mail, written in the unit of work of the change that caused it, delivered after commit by the
-- delivery worker (docs/mail.md). A worker claims due rows with SELECT ... FOR UPDATE SKIP LOCKED, raises
-- attempts and sets lease_until; its report (sent, retry, failed) is a conditional update on that attempts
-- value. Subject and bodies are emptied once a mail is delivered or given up, except in dev mode, whose
-- mailbox reads them.
create table mail_outbox (
    id              uuid                        not null primary key,  -- also the Message-ID: <id@gatehouse>
    tenant_id       uuid                        not null references tenant (id),
    kind            varchar(32)                 not null,              -- MailKind constant, e.g. PASSWORD_RESET
    recipient       varchar(254)                not null,              -- normalised (lower-case) address
    from_address    varchar(254)                not null,
    from_name       varchar(200)                not null,
    subject         varchar(1000)               not null,
    text_body       varchar(1000000)            not null,
    html_body       varchar(1000000)            not null,
    status          varchar(16)                 not null,              -- PENDING, SENT or FAILED
    attempts        integer                     not null,              -- claims so far
    created         timestamp(6) with time zone not null,
    next_attempt_at timestamp(6) with time zone not null,
    lease_until     timestamp(6) with time zone,                       -- claimed by a worker until then
    finished_at     timestamp(6) with time zone,                       -- delivered or given up at
    last_error      varchar(1000)                                      -- SMTP reply or connection error, no secrets
);
-- What the workers poll: pending mails by due time.
create index mail_outbox_due_idx on mail_outbox (status, next_attempt_at);
-- The dev mailbox: a tenant's mails to one address, newest first.
create index mail_outbox_recipient_idx on mail_outbox (tenant_id, recipient, created);

-- A tenant's own template of a kind; kinds without a row use the built-in default.
create table mail_template (
    tenant_id uuid                        not null references tenant (id),
    kind      varchar(32)                 not null,
    subject   varchar(200)                not null,
    text_body varchar(100000)             not null,
    html_body varchar(100000)             not null,
    updated   timestamp(6) with time zone not null,
    constraint mail_template_pk primary key (tenant_id, kind)
);
