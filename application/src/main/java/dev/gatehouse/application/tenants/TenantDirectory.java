package dev.gatehouse.application.tenants;

import dev.gatehouse.application.support.BoundedMaps;
import dev.gatehouse.application.tenants.port.in.ListAllowedOriginsUseCase;
import dev.gatehouse.application.tenants.port.in.ResolveTenantUseCase;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tenant look-ups with a short-lived cache: nearly every request names its tenant, and the tenant
 * changes rarely. A change made on any process is seen everywhere once the TTL has passed. Unknown
 * keys are cached too (bounded), so spraying random keys does not turn into database load.
 *
 * <p>While the database cannot be reached ({@link StorageUnavailable}), an entry that expired less than
 * {@link #STALE_WHILE_UNAVAILABLE} ago is served as last read, so that token-only requests ({@code GET /me}) keep
 * working from their caches through a short outage (ADR 0030); nobody can change a tenant while no process reaches
 * the database, and a process cut off alone from it sees changes made elsewhere at most that much later.
 */
public final class TenantDirectory implements ResolveTenantUseCase, ListAllowedOriginsUseCase {
    /** Every publishable key (a tenant's public identifier in browsers) starts with this. */
    public static final String PUBLISHABLE_KEY_PREFIX = "pk_";
    private static final int MAX_ENTRIES = 10_000;
    /** As long as a session's cached user lives (ADR 0020): beyond it, a token-only request needs the database anyway. */
    static final Duration STALE_WHILE_UNAVAILABLE = Duration.ofSeconds(30);

    private final TenantRepository tenants;
    private final long ttlNanos;
    private final long staleNanos;
    private final ConcurrentHashMap<String, Cached<Optional<Tenant>>> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TenantId, Cached<Optional<Tenant>>> byId = new ConcurrentHashMap<>();
    private volatile Cached<Set<String>> origins;

    TenantDirectory(TenantRepository tenants, Duration ttl) {
        this(tenants, ttl, STALE_WHILE_UNAVAILABLE);
    }

    TenantDirectory(TenantRepository tenants, Duration ttl, Duration staleWhileUnavailable) {
        this.tenants = tenants;
        this.ttlNanos = ttl.toNanos();
        this.staleNanos = staleWhileUnavailable.toNanos();
    }

    @Override
    public Tenant byPublishableKey(String publishableKey) {
        if (publishableKey == null || publishableKey.isBlank() || publishableKey.length() > 200) {
            throw new UnknownTenant();
        }
        return cached(byKey, publishableKey, tenants::findByPublishableKey).orElseThrow(UnknownTenant::new);
    }

    public Tenant require(TenantId id) {
        return cached(byId, id, tenants::findById).orElseThrow(UnknownTenant::new);
    }

    /** Drops what this process cached about the tenant (after a change made here). */
    public void forget(TenantId id) {
        byId.remove(id);
        byKey.values().removeIf(cached -> cached.value().map(tenant -> tenant.id().equals(id)).orElse(false));
        origins = null;
    }

    @Override
    public Set<String> allowedOriginsOfAllTenants() {
        Cached<Set<String>> current = origins;
        long now = System.nanoTime();
        if (current == null || current.expired(now)) {
            Set<String> union = new HashSet<>();
            try {
                tenants.findAll().forEach(tenant -> union.addAll(tenant.settings().allowedOrigins()));
            } catch (StorageUnavailable unavailable) {
                if (current != null && current.expiresAtNanos() + staleNanos - now > 0) {
                    return current.value();
                }
                throw unavailable;
            }
            current = new Cached<>(Set.copyOf(union), now + ttlNanos);
            origins = current;
        }
        return current.value();
    }

    private <K> Optional<Tenant> cached(ConcurrentHashMap<K, Cached<Optional<Tenant>>> cache, K key,
                                        Function<K, Optional<Tenant>> load) {
        long now = System.nanoTime();
        Cached<Optional<Tenant>> hit = cache.get(key);
        if (hit != null && !hit.expired(now)) {
            return hit.value();
        }
        Optional<Tenant> loaded;
        try {
            loaded = load.apply(key);
        } catch (StorageUnavailable unavailable) {
            if (hit != null && hit.expiresAtNanos() + staleNanos - now > 0) {
                return hit.value();
            }
            throw unavailable;
        }
        BoundedMaps.put(cache, MAX_ENTRIES, key, new Cached<>(loaded, now + ttlNanos));
        return loaded;
    }

    private record Cached<V>(V value, long expiresAtNanos) {
        boolean expired(long nowNanos) {
            return nowNanos - expiresAtNanos >= 0;
        }
    }
}
