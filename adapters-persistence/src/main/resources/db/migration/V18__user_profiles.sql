-- User profiles (docs/users.md): a display name, an avatar URL and the app's own JSON metadata. Plain SQL for
-- PostgreSQL 15+ and H2 2.x, like V1. All optional. Lengths: UserProfile's limits (200 code points for the name,
-- twice as many UTF-16 units for H2; 2,000 ASCII characters for the URL; 8 KiB of UTF-8 for the metadata, which
-- is never more characters than bytes). The metadata is stored as text, not jsonb: Gatehouse never queries into
-- it, and the same DDL must run on H2.
alter table app_user add column display_name varchar(400);
alter table app_user add column avatar_url varchar(2000);
alter table app_user add column metadata varchar(8192);
