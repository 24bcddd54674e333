-- Accounts and tenants as the application manages them: root tokens and account member listings. Plain SQL for
-- PostgreSQL 15+ and H2 2.x, like V1.

-- The hex SHA-256 of the tenant's root token; null until one is issued.
alter table tenant add column root_token_hash varchar(64);

-- An account's members, for keyset pages in (created, id) order, the account's oldest member, and counts by
-- role. Every such query fixes account_id and tenant_id, and JooqUserRepository orders by (account_id,
-- tenant_id, [role,] created, id), which within one account is (created, id) order: H2 uses an index to avoid a
-- sort only when the ORDER BY matches the index from its first column. account_id leads so that H2's own index
-- for app_user_account_fk, (tenant_id, account_id), matches no such ORDER BY: when it matched part of one, H2
-- preferred it and sorted the whole account for every page. PostgreSQL reads these indexes in order either way.
-- They replace V1's (account_id, created, id), which H2 passed over for the first page.
drop index app_user_account_created_idx;
create index app_user_account_page_idx on app_user (account_id, tenant_id, created, id);
-- Pages filtered by one role, and the count of members with at least a role (an index-only range scan), which
-- removing or re-roling a member runs while holding the account's lock.
create index app_user_account_role_idx on app_user (account_id, tenant_id, role, created, id);
