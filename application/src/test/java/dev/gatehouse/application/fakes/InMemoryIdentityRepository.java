package dev.gatehouse.application.fakes;

import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Linked provider accounts in memory; each method is atomic (synchronized). Unlike the database it cannot see a user
 * being deleted, so a deleted user's identities stay here: delete them with {@link #deleteOfUser} where it matters.
 */
public final class InMemoryIdentityRepository implements IdentityRepository, InMemoryStore {
    /** Oldest first; ids as the databases order UUIDs (their text order) among identities linked at one instant. */
    private static final Comparator<Identity> OLDEST_FIRST = Comparator.comparing(Identity::linkedAt)
            .thenComparing(identity -> identity.id().toString());

    private Map<UUID, Identity> identities = new LinkedHashMap<>();

    @Override
    public synchronized Optional<Identity> find(TenantId tenant, String issuer, String subject) {
        return identities.values().stream().filter(i -> i.tenantId().equals(tenant) && i.issuer().equals(issuer)
                && i.subject().equals(subject)).findFirst();
    }

    @Override
    public synchronized List<Identity> ofUser(TenantId tenant, UserId user) {
        return identities.values().stream().filter(i -> i.tenantId().equals(tenant) && i.userId().equals(user))
                .sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized boolean insert(Identity identity) {
        if (find(identity.tenantId(), identity.issuer(), identity.subject()).isPresent()) {
            return false;
        }
        if (identities.putIfAbsent(identity.id(), identity) != null) {
            throw new IllegalStateException("duplicate identity id " + identity.id());
        }
        return true;
    }

    @Override
    public synchronized boolean delete(TenantId tenant, UserId user, UUID id) {
        Identity identity = identities.get(id);
        if (identity == null || !identity.tenantId().equals(tenant) || !identity.userId().equals(user)) {
            return false;
        }
        identities.remove(id);
        return true;
    }

    /** What the database's cascade does when a user is deleted. */
    public synchronized void deleteOfUser(TenantId tenant, UserId user) {
        identities.values().removeIf(i -> i.tenantId().equals(tenant) && i.userId().equals(user));
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(identities);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        identities = new LinkedHashMap<>((Map<UUID, Identity>) snapshot);
    }
}
