-- Invitations (the user lifecycle issue, part 1; docs/users.md#invitations, ADR 0026). Plain SQL for PostgreSQL 15+
-- and H2 2.x, like V1.

-- An address invited to an account with a role, pending until accepted, revoked or expired. Only the hex SHA-256 of
-- the link's token is stored, never the token; a new link for the same invitation replaces the hash, so the old link
-- finds nothing. Accepting and revoking delete the row (accepting in one conditional delete, so of concurrent
-- acceptances exactly one gets it); housekeeping deletes expired rows. The account is referenced through its
-- tenant-safe key, on delete cascade: deleting an account (the application first deletes its invitations itself)
-- never fails on them. invited_by is the inviting user's id, null when the root token or a secret key invited; it has
-- no foreign key, so deleting that user never depends on their invitations.
create table invitation (
    id         uuid                        not null primary key,
    tenant_id  uuid                        not null,
    account_id uuid                        not null,
    email      varchar(254)                not null, -- normalised by EmailAddress
    role       int                         not null, -- Role.level(): 0 user, 50 account admin (never 100)
    token_hash varchar(64)                 not null,
    invited_by uuid,
    created    timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    constraint invitation_account_fk foreign key (tenant_id, account_id) references account (tenant_id, id)
        on delete cascade,
    -- One invitation per account and address: inviting again replaces the link (JooqInvitationRepository).
    constraint invitation_address_uq unique (tenant_id, account_id, email),
    constraint invitation_token_uq unique (token_hash),
    constraint invitation_role_ck check (role in (0, 50))
);
-- An account's pending invitations in creation order (keyset pages of (created, id)).
create index invitation_account_page_idx on invitation (account_id, tenant_id, created, id);
-- The invitations a user sent, for when that user is deleted.
create index invitation_inviter_idx on invitation (tenant_id, invited_by);
-- The housekeeping delete of expired invitations.
create index invitation_expiry_idx on invitation (expires_at);
