package dev.gatehouse.application.fakes;

import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Pending email changes and their reverts in memory; each method is atomic (synchronized). */
public final class InMemoryEmailChangeStore implements EmailChangeStore, InMemoryStore {
    private record UserKey(TenantId tenant, UserId user) {
    }

    private record RevertKey(TenantId tenant, String tokenHash) {
    }

    private record State(Map<UserKey, PendingEmailChange> pending, Map<RevertKey, EmailChangeRevert> reverts) {
        State copy() {
            return new State(new LinkedHashMap<>(pending), new LinkedHashMap<>(reverts));
        }
    }

    private State state = new State(new LinkedHashMap<>(), new LinkedHashMap<>());

    @Override
    public synchronized void replacePending(PendingEmailChange change) {
        state.pending().put(new UserKey(change.tenantId(), change.userId()), change);
    }

    @Override
    public synchronized Optional<PendingEmailChange> findPending(TenantId tenantId, UserId userId) {
        return Optional.ofNullable(state.pending().get(new UserKey(tenantId, userId)));
    }

    @Override
    public synchronized int recordFailedAttempt(TenantId tenantId, UserId userId, UUID id) {
        UserKey key = new UserKey(tenantId, userId);
        PendingEmailChange found = state.pending().get(key);
        if (found == null || !found.id().equals(id)) {
            return 0;
        }
        PendingEmailChange counted = new PendingEmailChange(found.id(), found.tenantId(), found.userId(),
                found.newEmail(), found.codeHash(), found.failedAttempts() + 1, found.created(), found.expiresAt());
        state.pending().put(key, counted);
        return counted.failedAttempts();
    }

    @Override
    public synchronized boolean takePending(TenantId tenantId, UserId userId, UUID id, Instant now) {
        UserKey key = new UserKey(tenantId, userId);
        PendingEmailChange found = state.pending().get(key);
        if (found == null || !found.id().equals(id) || !found.isLiveAt(now)) {
            return false;
        }
        state.pending().remove(key);
        return true;
    }

    @Override
    public synchronized boolean deletePending(TenantId tenantId, UserId userId) {
        return state.pending().remove(new UserKey(tenantId, userId)) != null;
    }

    @Override
    public synchronized void insertRevert(EmailChangeRevert revert) {
        if (state.reverts().putIfAbsent(new RevertKey(revert.tenantId(), revert.tokenHash()), revert) != null) {
            throw new IllegalStateException("duplicate revert token hash");
        }
    }

    @Override
    public synchronized Optional<EmailChangeRevert> findRevert(TenantId tenantId, String tokenHash) {
        return Optional.ofNullable(state.reverts().get(new RevertKey(tenantId, tokenHash)));
    }

    @Override
    public synchronized boolean useRevert(TenantId tenantId, String tokenHash, Instant now) {
        RevertKey key = new RevertKey(tenantId, tokenHash);
        EmailChangeRevert found = state.reverts().get(key);
        if (found == null || !found.isLiveAt(now)) {
            return false;
        }
        state.reverts().put(key, used(found, now));
        return true;
    }

    @Override
    public synchronized int voidRevertsAfter(TenantId tenantId, UserId userId, Instant after, Instant now) {
        int voided = 0;
        for (Map.Entry<RevertKey, EmailChangeRevert> entry : state.reverts().entrySet()) {
            EmailChangeRevert revert = entry.getValue();
            if (revert.tenantId().equals(tenantId) && revert.userId().equals(userId) && revert.usedAt().isEmpty()
                    && revert.created().isAfter(after)) {
                entry.setValue(used(revert, now));
                voided++;
            }
        }
        return voided;
    }

    private static EmailChangeRevert used(EmailChangeRevert revert, Instant now) {
        return new EmailChangeRevert(revert.tenantId(), revert.userId(), revert.oldEmail(), revert.newEmail(),
                revert.tokenHash(), revert.created(), revert.expiresAt(), Optional.of(now));
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = size();
        state.pending().values().removeIf(change -> !change.isLiveAt(now));
        state.reverts().values().removeIf(revert -> !now.isBefore(revert.expiresAt()));
        return before - size();
    }

    @Override
    public synchronized int deleteAllOfUser(TenantId tenantId, UserId userId) {
        int before = size();
        state.pending().remove(new UserKey(tenantId, userId));
        state.reverts().values().removeIf(revert -> revert.tenantId().equals(tenantId) && revert.userId().equals(userId));
        return before - size();
    }

    /** Deletes the tenant's pending changes to this address (the erasure of a deleted user's address). */
    public synchronized int deletePendingTo(TenantId tenantId, dev.gatehouse.domain.user.EmailAddress email) {
        int before = state.pending().size();
        state.pending().values().removeIf(c -> c.tenantId().equals(tenantId) && c.newEmail().equals(email));
        return before - state.pending().size();
    }

    /** How many pending changes and reverts are held, whatever their state. */
    public synchronized int size() {
        return state.pending().size() + state.reverts().size();
    }

    @Override
    public synchronized Object snapshot() {
        return state.copy();
    }

    @Override
    public synchronized void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
