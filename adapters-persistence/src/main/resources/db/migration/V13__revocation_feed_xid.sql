-- The revocation feed on PostgreSQL reads by transaction, not by time (docs/adr/0008-session-revocation.md).
-- Plain SQL for PostgreSQL 15+ and H2 2.x, like V1.
--
-- revoked_xid: on PostgreSQL, the id of the transaction that revoked the session (pg_current_xact_id(), a
-- 64-bit xid8 that never wraps, stored as bigint so that the same DDL runs on H2), written by the revoking
-- statement itself. A process's feed cursor is the oldest transaction that may still have been open at its last
-- read (pg_snapshot_xmin), so a revocation whose transaction commits late, whatever its revoked_at, is read
-- once it commits. Null on H2 (one process: no feed between processes) and for revocations made before V13,
-- which every process loads at start.
alter table user_session add column revoked_xid bigint;
-- The feed asks for revoked_xid >= ? twice a second per process: a range scan of this index.
create index user_session_revoked_xid_idx on user_session (revoked_xid);
