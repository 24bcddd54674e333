-- The admin listing of a tenant's users (GET /v1/admin/users): keyset pages in (created, id) order over the
-- whole tenant, optionally of one role or one status. Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.
-- JooqUserRepository orders such pages by (tenant_id, [role | status,] created, id), which within one tenant is
-- (created, id) order and matches these indexes from their first column (H2 avoids a sort only then, see V4).
-- Pages of one account keep using V4's account indexes.
create index app_user_tenant_page_idx on app_user (tenant_id, created, id);
create index app_user_tenant_role_idx on app_user (tenant_id, role, created, id);
create index app_user_tenant_status_idx on app_user (tenant_id, status, created, id);
