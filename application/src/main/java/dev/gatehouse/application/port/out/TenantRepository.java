package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Tenants and their publishable keys. */
public interface TenantRepository {

    /** Stores a new tenant together with its first publishable key ({@link Tenant#publicKey()}). */
    void insert(Tenant tenant);

    Optional<Tenant> findById(TenantId id);

    /** The tenant owning this publishable key, if the key is live. */
    Optional<Tenant> findByPublishableKey(String publishableKey);

    /** Every tenant, oldest first (tenants are few: this backs CORS preflights and operator listings). */
    List<Tenant> findAll();

    /** Adds a publishable key to the tenant (any live one selects it, like the first). */
    void addPublishableKey(TenantId id, String publishableKey, java.time.Instant now);

    /** Revokes one of the tenant's publishable keys; false when it has no such live key. */
    boolean revokePublishableKey(TenantId id, String publishableKey, java.time.Instant now);

    /** The tenant that holds this publishable key, or held it before revoking it. */
    Optional<TenantId> findHolderOfPublishableKey(String publishableKey);

    /** The tenant's publishable keys, oldest first, revoked ones included. */
    List<PublishableKey> findPublishableKeys(TenantId id);

    record PublishableKey(String key, java.time.Instant created, Optional<java.time.Instant> revokedAt) {
    }

    /**
     * The tenant's settings, read with a row lock held until the surrounding transaction ends, so that two
     * concurrent read-modify-write changes of the settings are serialised instead of losing one.
     */
    Optional<dev.gatehouse.domain.tenant.TenantSettings> findSettingsForUpdate(TenantId id);

    /** Replaces every setting of the tenant. @throws IllegalStateException when there is no such tenant */
    void updateSettings(TenantId id, dev.gatehouse.domain.tenant.TenantSettings settings);

    /** Stores the SHA-256 (hex) of the tenant's root token, replacing any previous one. */
    void setRootTokenHash(TenantId id, String rootTokenHash);

    /** The stored root-token hash, if the tenant has a root token. */
    Optional<String> findRootTokenHash(TenantId id);
}
