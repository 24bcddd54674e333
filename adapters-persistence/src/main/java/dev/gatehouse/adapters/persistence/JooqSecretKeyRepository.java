package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.SECRET_KEY;

import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.apikey.SecretKey;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Secret keys in {@code secret_key}, found by the key's hash. Revocation is a conditional update
 * ({@code revoked_at is null}), so the first revocation of a key is the one that stays, whichever process makes it.
 */
final class JooqSecretKeyRepository extends JooqStore implements SecretKeyRepository {
    private static final String SCOPE_SEPARATOR = " ";

    JooqSecretKeyRepository(DSLContext dsl) {
        super(dsl);
    }

    /** @throws org.jooq.exception.DataAccessException when the hash or the id is taken, or the tenant is unknown */
    @Override
    public void insert(SecretKey key, String keyHash) {
        dsl.insertInto(SECRET_KEY)
                .set(SECRET_KEY.ID, key.id())
                .set(SECRET_KEY.TENANT_ID, key.tenantId().value())
                .set(SECRET_KEY.NAME, key.name())
                .set(SECRET_KEY.DISPLAY_PREFIX, key.displayPrefix())
                .set(SECRET_KEY.KEY_HASH, keyHash)
                .set(SECRET_KEY.SCOPES, key.scopes().stream().sorted().map(Scope::wireName)
                        .collect(Collectors.joining(SCOPE_SEPARATOR)))
                .set(SECRET_KEY.CREATED, key.created())
                .set(SECRET_KEY.LAST_USED_AT, key.lastUsedAt().orElse(null))
                .set(SECRET_KEY.REVOKED_AT, key.revokedAt().orElse(null))
                .execute();
    }

    @Override
    public Optional<SecretKey> findByHash(String keyHash) {
        return dsl.selectFrom(SECRET_KEY)
                .where(SECRET_KEY.KEY_HASH.eq(keyHash))
                .fetchOptional(JooqSecretKeyRepository::toDomain);
    }

    @Override
    public List<SecretKey> findByTenant(TenantId tenantId) {
        return dsl.selectFrom(SECRET_KEY)
                .where(SECRET_KEY.TENANT_ID.eq(tenantId.value()))
                .orderBy(SECRET_KEY.CREATED.desc(), SECRET_KEY.ID.desc())
                .fetch(JooqSecretKeyRepository::toDomain);
    }

    @Override
    public boolean revoke(TenantId tenantId, UUID id, Instant now) {
        // One conditional update, no prior read: of concurrent revocations, in any process, exactly one changes
        // the row; the others wait for its row lock and then find revoked_at set.
        return dsl.update(SECRET_KEY)
                .set(SECRET_KEY.REVOKED_AT, now)
                .where(SECRET_KEY.TENANT_ID.eq(tenantId.value()).and(SECRET_KEY.ID.eq(id)))
                .and(SECRET_KEY.REVOKED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public void touch(UUID id, Instant now) {
        dsl.update(SECRET_KEY)
                .set(SECRET_KEY.LAST_USED_AT, now)
                .where(SECRET_KEY.ID.eq(id))
                .execute();
    }

    private static SecretKey toDomain(Record r) {
        return new SecretKey(r.get(SECRET_KEY.ID), new TenantId(r.get(SECRET_KEY.TENANT_ID)), r.get(SECRET_KEY.NAME),
                r.get(SECRET_KEY.DISPLAY_PREFIX),
                Arrays.stream(r.get(SECRET_KEY.SCOPES).split(SCOPE_SEPARATOR)).map(Scope::fromWireName)
                        .collect(Collectors.toSet()),
                r.get(SECRET_KEY.CREATED), Optional.ofNullable(r.get(SECRET_KEY.LAST_USED_AT)),
                Optional.ofNullable(r.get(SECRET_KEY.REVOKED_AT)));
    }
}
