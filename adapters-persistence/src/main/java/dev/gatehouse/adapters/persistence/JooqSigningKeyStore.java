package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.SIGNING_KEY;

import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Signing keys in {@code signing_key}. The active key carries its tenant's id in {@code active_tenant_id},
 * whose unique constraint lets only one active key per tenant exist, whichever process inserts it.
 */
final class JooqSigningKeyStore extends JooqStore implements SigningKeyStore {
    JooqSigningKeyStore(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public StoredSigningKey insertActiveIfAbsent(StoredSigningKey key) {
        // Atomically, for the savepoint inside the caller's unit of work: on PostgreSQL a failed statement would
        // otherwise abort the caller's whole transaction, and the caller goes on with the winner. A loser lost to
        // an active key inserted before (or concurrently, and committed while the insert waited).
        return SqlErrors.unlessTaken(() -> {
            atomically(() -> insert(key));
            return key;
        }, null, taken -> active(key.tenantId()).orElseThrow(() -> taken));
    }

    @Override
    public List<StoredSigningKey> findByTenant(TenantId tenantId) {
        return dsl.selectFrom(SIGNING_KEY)
                .where(SIGNING_KEY.TENANT_ID.eq(tenantId.value()))
                .orderBy(SIGNING_KEY.ACTIVE_TENANT_ID.isNull(), SIGNING_KEY.CREATED.desc(), SIGNING_KEY.KID.desc())
                .fetch(JooqSigningKeyStore::toDomain);
    }

    @Override
    public List<StoredSigningKey> findAll() {
        return dsl.selectFrom(SIGNING_KEY).fetch(JooqSigningKeyStore::toDomain);
    }

    @Override
    public void rotate(TenantId tenantId, StoredSigningKey next, Instant previousVerifyUntil) {
        // The old key's retirement and its successor stand or fall together: never a tenant without an active key.
        atomically(() -> {
            dsl.update(SIGNING_KEY)
                    .set(SIGNING_KEY.ACTIVE_TENANT_ID, (java.util.UUID) null)
                    .set(SIGNING_KEY.VERIFY_UNTIL, previousVerifyUntil)
                    .where(SIGNING_KEY.ACTIVE_TENANT_ID.eq(tenantId.value()))
                    .execute();
            insert(next);
        });
    }

    @Override
    public List<TenantId> tenantsWithActiveKeyCreatedBefore(Instant cutoff) {
        return dsl.select(SIGNING_KEY.ACTIVE_TENANT_ID).from(SIGNING_KEY)
                .where(SIGNING_KEY.ACTIVE_TENANT_ID.isNotNull().and(SIGNING_KEY.CREATED.lt(cutoff)))
                .fetch(r -> new TenantId(r.value1()));
    }

    private void insert(StoredSigningKey key) {
        dsl.insertInto(SIGNING_KEY)
                .set(SIGNING_KEY.KID, key.keyId())
                .set(SIGNING_KEY.TENANT_ID, key.tenantId().value())
                .set(SIGNING_KEY.ALGORITHM, key.algorithm())
                .set(SIGNING_KEY.PUBLIC_KEY, key.publicKey())
                .set(SIGNING_KEY.PRIVATE_KEY_ENC, key.encryptedPrivateKey())
                .set(SIGNING_KEY.CREATED, key.created())
                .set(SIGNING_KEY.ACTIVE_TENANT_ID, key.isActive() ? key.tenantId().value() : null)
                .set(SIGNING_KEY.VERIFY_UNTIL, key.verifyUntil().orElse(null))
                .execute();
    }

    private Optional<StoredSigningKey> active(TenantId tenantId) {
        return dsl.selectFrom(SIGNING_KEY)
                .where(SIGNING_KEY.ACTIVE_TENANT_ID.eq(tenantId.value()))
                .fetchOptional(JooqSigningKeyStore::toDomain);
    }

    private static StoredSigningKey toDomain(Record r) {
        return new StoredSigningKey(r.get(SIGNING_KEY.KID), new TenantId(r.get(SIGNING_KEY.TENANT_ID)),
                r.get(SIGNING_KEY.ALGORITHM), r.get(SIGNING_KEY.PUBLIC_KEY), r.get(SIGNING_KEY.PRIVATE_KEY_ENC),
                r.get(SIGNING_KEY.CREATED), Optional.ofNullable(r.get(SIGNING_KEY.VERIFY_UNTIL)));
    }
}
