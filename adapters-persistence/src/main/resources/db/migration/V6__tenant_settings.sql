-- Tenant settings beyond allowed origins and the password policy (which keep their V1 columns): one JSON
-- document written and read only by JooqTenantRepository (TenantSettingsDocument). Text rather than a json
-- type so that the same DDL runs on H2 and PostgreSQL; the domain validates every field on the way back in.
-- Sized for the domain's caps (100 entries per list, 10 external issuers).
alter table tenant add column settings varchar(1000000) default '{}' not null;
-- Up to 100 origins of at most 300 characters each (TenantSettings caps both).
alter table tenant alter column allowed_origins set data type varchar(40000);
