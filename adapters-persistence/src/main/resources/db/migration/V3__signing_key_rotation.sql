-- Key rotation: a retired key (active_tenant_id null) keeps verifying tokens until verify_until.
alter table signing_key add column verify_until timestamp(6) with time zone;
