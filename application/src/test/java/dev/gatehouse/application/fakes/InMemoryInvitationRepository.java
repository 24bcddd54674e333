package dev.gatehouse.application.fakes;

import dev.gatehouse.application.invitations.port.out.InvitationRepository;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Invitations in memory; each method is atomic (synchronized), as a conditional statement is in a database. */
public final class InMemoryInvitationRepository implements InvitationRepository, InMemoryStore {
    private static final Comparator<Invitation> CREATION_ORDER = Comparator.comparing(Invitation::created)
            .thenComparing(i -> i.id().value().toString());

    private Map<InvitationId, Invitation> invitations = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Invitation invitation) {
        boolean clash = invitations.values().stream().anyMatch(i -> i.tokenHash().equals(invitation.tokenHash())
                || i.tenantId().equals(invitation.tenantId()) && i.accountId().equals(invitation.accountId())
                && i.email().equals(invitation.email()));
        if (clash || invitations.putIfAbsent(invitation.id(), invitation) != null) {
            throw new IllegalStateException("duplicate invitation (id, token hash, or account and address)");
        }
    }

    @Override
    public synchronized boolean replace(Invitation invitation) {
        Invitation stored = invitations.get(invitation.id());
        if (stored == null || !stored.tenantId().equals(invitation.tenantId())) {
            return false;
        }
        invitations.put(invitation.id(), new Invitation(stored.id(), stored.tenantId(), stored.accountId(),
                stored.email(), invitation.role(), invitation.tokenHash(), invitation.invitedBy(), stored.created(),
                invitation.expiresAt()));
        return true;
    }

    @Override
    public synchronized Optional<Invitation> findById(TenantId tenant, InvitationId id) {
        return Optional.ofNullable(invitations.get(id)).filter(i -> i.tenantId().equals(tenant));
    }

    @Override
    public synchronized Optional<Invitation> findByTokenHash(TenantId tenant, String tokenHash) {
        return first(i -> i.tenantId().equals(tenant) && i.tokenHash().equals(tokenHash));
    }

    @Override
    public synchronized Optional<Invitation> findByAddress(TenantId tenant, AccountId account, EmailAddress email) {
        return first(i -> i.tenantId().equals(tenant) && i.accountId().equals(account) && i.email().equals(email));
    }

    @Override
    public synchronized List<Invitation> findPending(TenantId tenant, AccountId account, Instant now,
                                                     Optional<Position> after, int limit) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        return invitations.values().stream()
                .filter(i -> i.tenantId().equals(tenant) && i.accountId().equals(account) && i.isPendingAt(now))
                .filter(i -> after.isEmpty() || CREATION_ORDER.compare(i, marker(after.get(), i)) > 0)
                .sorted(CREATION_ORDER).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Invitation> take(TenantId tenant, InvitationId id, String tokenHash) {
        Optional<Invitation> found = findById(tenant, id).filter(i -> i.tokenHash().equals(tokenHash));
        found.ifPresent(i -> invitations.remove(i.id()));
        return found;
    }

    @Override
    public synchronized boolean delete(TenantId tenant, InvitationId id) {
        return findById(tenant, id).map(i -> invitations.remove(i.id()) != null).orElse(false);
    }

    @Override
    public synchronized int deleteAllOfAccount(TenantId tenant, AccountId account) {
        return removeIf(i -> i.tenantId().equals(tenant) && i.accountId().equals(account));
    }

    @Override
    public synchronized int deleteAllInvitedBy(TenantId tenant, UserId inviter) {
        return removeIf(i -> i.tenantId().equals(tenant) && i.invitedBy().filter(inviter::equals).isPresent());
    }

    @Override
    public synchronized int deleteAllTo(TenantId tenant, EmailAddress email) {
        return removeIf(i -> i.tenantId().equals(tenant) && i.email().equals(email));
    }

    /** Housekeeping's delete, for use-case tests: invitations that expired before {@code before}. */
    public synchronized int deleteExpiredBefore(Instant before) {
        return removeIf(i -> i.expiresAt().isBefore(before));
    }

    /** Every invitation held, pending or not. */
    public synchronized List<Invitation> all() {
        return List.copyOf(invitations.values());
    }

    private Optional<Invitation> first(Predicate<Invitation> test) {
        return invitations.values().stream().filter(test).findFirst();
    }

    private int removeIf(Predicate<Invitation> doomed) {
        int before = invitations.size();
        invitations.values().removeIf(doomed);
        return before - invitations.size();
    }

    /** An invitation standing for a page position, to compare in creation order. */
    private static Invitation marker(Position position, Invitation like) {
        return new Invitation(position.id(), like.tenantId(), like.accountId(), like.email(), like.role(),
                like.tokenHash(), like.invitedBy(), position.created(), position.created().plusSeconds(1));
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(invitations);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        invitations = new LinkedHashMap<>((Map<InvitationId, Invitation>) snapshot);
    }
}
