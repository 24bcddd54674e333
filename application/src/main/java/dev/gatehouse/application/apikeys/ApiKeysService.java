package dev.gatehouse.application.apikeys;

import dev.gatehouse.application.support.BoundedMaps;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.apikey.SecretKey;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.ApiKeyNotFound;
import dev.gatehouse.domain.error.LastPublishableKeyRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Unauthenticated;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys. Secret keys are {@code sk_} + 256 random bits, stored as SHA-256; look-ups are cached for
 * {@link #LOOKUP_TTL}, so a revocation reaches every process within that time (well under 2 seconds).
 */
final class ApiKeysService implements ApiKeysUseCase {
    static final String SECRET_KEY_PREFIX = "sk_";
    static final Duration LOOKUP_TTL = Duration.ofSeconds(1);
    private static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;

    private final SecretKeyRepository secretKeys;
    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final Essentials essentials;
    private final ConcurrentHashMap<String, Cached> byHash = new ConcurrentHashMap<>();

    ApiKeysService(SecretKeyRepository secretKeys, TenantRepository tenants, TenantDirectory directory,
                   Essentials essentials) {
        this.secretKeys = secretKeys;
        this.tenants = tenants;
        this.directory = directory;
        this.essentials = essentials;
    }

    @Override
    public CreatedSecretKey createSecretKey(RootAuthority authority, String name, Set<Scope> scopes) {
        authority.require(Scope.KEYS_ADMIN);
        if (!authority.scopes().containsAll(scopes)) {
            throw new NotPermitted("a key cannot create a key with scopes it does not have itself");
        }
        String secret = SECRET_KEY_PREFIX + essentials.secrets().newSecret(32);
        SecretKey key = new SecretKey(essentials.ids().newId(), authority.tenantId(), name, secret.substring(0, 10),
                scopes, essentials.clock().now(), Optional.empty(), Optional.empty());
        essentials.transactions().inTransaction(() -> {
            secretKeys.insert(key, SecretHashing.sha256Hex(secret));
            essentials.audit().record(authority.auditEvent(AuditEventType.API_KEY_CREATED, key.created())
                    .withSubject(AuditEvent.secretKey(key.id())).withDetail("kind", "secret")
                    .withDetail("name", key.name()).withDetail("scopes", scopeNames(key.scopes())));
            return null;
        });
        return new CreatedSecretKey(key, secret);
    }

    @Override
    public String createPublishableKey(RootAuthority authority) {
        authority.require(Scope.KEYS_ADMIN);
        String key = TenantDirectory.PUBLISHABLE_KEY_PREFIX + essentials.secrets().newSecret(16);
        essentials.transactions().inTransaction(() -> {
            Instant now = essentials.clock().now();
            tenants.addPublishableKey(authority.tenantId(), key, now);
            essentials.audit().record(authority.auditEvent(AuditEventType.API_KEY_CREATED, now)
                    .withDetail("kind", "publishable").withDetail("publishableKey", key));
            return null;
        });
        return key;
    }

    @Override
    public Listing list(RootAuthority authority) {
        authority.require(Scope.KEYS_ADMIN);
        return new Listing(tenants.findPublishableKeys(authority.tenantId()),
                secretKeys.findByTenant(authority.tenantId()));
    }

    @Override
    public void revokeSecretKey(RootAuthority authority, UUID id) {
        authority.require(Scope.KEYS_ADMIN);
        boolean revoked = essentials.transactions().inTransaction(() -> {
            Instant now = essentials.clock().now();
            Optional<SecretKey> target = secretKeys.findByTenant(authority.tenantId()).stream()
                    .filter(k -> k.id().equals(id)).findFirst();
            if (target.isPresent() && !authority.scopes().containsAll(target.get().scopes())) {
                // As for creating: a key acts only on keys no stronger than itself (the root token holds every scope).
                throw new NotPermitted("a key cannot revoke a key with scopes it does not have itself");
            }
            if (!secretKeys.revoke(authority.tenantId(), id, now)) {
                return false;
            }
            essentials.audit().record(authority.auditEvent(AuditEventType.API_KEY_REVOKED, now)
                    .withSubject(AuditEvent.secretKey(id)).withDetail("kind", "secret"));
            return true;
        });
        if (!revoked) {
            throw new ApiKeyNotFound();
        }
        byHash.clear(); // this process forgets at once; the others within LOOKUP_TTL
    }

    @Override
    public void revokePublishableKey(RootAuthority authority, String publishableKey) {
        authority.require(Scope.KEYS_ADMIN);
        essentials.transactions().inTransaction(() -> {
            long live = tenants.findPublishableKeys(authority.tenantId()).stream()
                    .filter(k -> k.revokedAt().isEmpty()).count();
            boolean known = tenants.findPublishableKeys(authority.tenantId()).stream()
                    .anyMatch(k -> k.key().equals(publishableKey) && k.revokedAt().isEmpty());
            if (!known) {
                throw new ApiKeyNotFound();
            }
            if (live <= 1) {
                throw new LastPublishableKeyRequired();
            }
            Instant now = essentials.clock().now();
            boolean revoked = tenants.revokePublishableKey(authority.tenantId(), publishableKey, now);
            if (revoked) {
                essentials.audit().record(authority.auditEvent(AuditEventType.API_KEY_REVOKED, now)
                        .withDetail("kind", "publishable").withDetail("publishableKey", publishableKey));
            }
            return revoked;
        });
        directory.forget(authority.tenantId()); // this process refuses the key at once; the others within the cache TTL
    }

    @Override
    public RootAuthority authenticateSecretKey(String secretKey) {
        if (secretKey == null || !secretKey.startsWith(SECRET_KEY_PREFIX) || secretKey.length() > 200) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        String hash = SecretHashing.sha256Hex(secretKey);
        Instant now = essentials.clock().now();
        Cached cached = byHash.get(hash);
        if (cached == null || !now.isBefore(cached.expiresAt())) {
            cached = new Cached(secretKeys.findByHash(hash).filter(SecretKey::isLive), now.plus(LOOKUP_TTL));
            BoundedMaps.put(byHash, MAX_CACHED, hash, cached);
        }
        SecretKey key = cached.key().orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        if (key.lastUsedAt().map(used -> !now.isBefore(used.plus(TOUCH_RESOLUTION))).orElse(true)) {
            secretKeys.touch(key.id(), now);
            byHash.put(hash, new Cached(Optional.of(new SecretKey(key.id(), key.tenantId(), key.name(),
                    key.displayPrefix(), key.scopes(), key.created(), Optional.of(now), key.revokedAt())),
                    cached.expiresAt()));
        }
        return RootAuthority.ofSecretKey(key.tenantId(), key.scopes(), key.id());
    }

    private static String scopeNames(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).sorted().collect(java.util.stream.Collectors.joining(" "));
    }

    private record Cached(Optional<SecretKey> key, Instant expiresAt) {
    }
}
