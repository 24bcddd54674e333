package dev.gatehouse.application.fakes;

import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.domain.mfa.RecoveryCodeHash;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Set;

/** Second factors in memory, keyed by tenant and user; each method is atomic (synchronized). */
public final class InMemoryMfaRepository implements MfaRepository, InMemoryStore {
    private Map<Key, TotpFactor> factors = new HashMap<>();
    /** Per user: each code's hash and when it was used (empty while unused). */
    private Map<Key, Map<RecoveryCodeHash, Optional<Instant>>> recoveryCodes = new HashMap<>();

    private record Key(TenantId tenantId, UserId userId) {
    }

    @Override
    public synchronized Optional<TotpFactor> findTotp(TenantId tenantId, UserId userId) {
        return Optional.ofNullable(factors.get(new Key(tenantId, userId)));
    }

    @Override
    public synchronized boolean savePendingTotp(TotpFactor pending) {
        if (pending.isConfirmed()) {
            throw new IllegalArgumentException("a pending enrolment cannot be confirmed");
        }
        Key key = new Key(pending.tenantId(), pending.userId());
        TotpFactor present = factors.get(key);
        if (present != null && present.isConfirmed()) {
            return false;
        }
        factors.put(key, pending);
        return true;
    }

    @Override
    public synchronized boolean confirmTotp(TenantId tenantId, UserId userId, TotpStep usedStep, Instant now) {
        Key key = new Key(tenantId, userId);
        TotpFactor factor = factors.get(key);
        if (factor == null || factor.isConfirmed() || !factor.acceptsStep(usedStep)) {
            return false;
        }
        factors.put(key, factor.confirm(usedStep, now));
        return true;
    }

    @Override
    public synchronized boolean recordUsedStep(TenantId tenantId, UserId userId, TotpStep step) {
        Key key = new Key(tenantId, userId);
        TotpFactor factor = factors.get(key);
        if (factor == null || !factor.isConfirmed() || !factor.acceptsStep(step)) {
            return false;
        }
        factors.put(key, factor.withUsedStep(step));
        return true;
    }

    @Override
    public synchronized boolean deleteFactors(TenantId tenantId, UserId userId) {
        Key key = new Key(tenantId, userId);
        recoveryCodes.remove(key);
        return factors.remove(key) != null;
    }

    @Override
    public synchronized void replaceRecoveryCodes(TenantId tenantId, UserId userId, Collection<RecoveryCodeHash> codes,
                                                  Instant now) {
        Map<RecoveryCodeHash, Optional<Instant>> fresh = new LinkedHashMap<>();
        codes.forEach(code -> fresh.put(code, Optional.empty()));
        recoveryCodes.put(new Key(tenantId, userId), fresh);
    }

    @Override
    public synchronized boolean useRecoveryCode(TenantId tenantId, UserId userId, RecoveryCodeHash code, Instant now) {
        Map<RecoveryCodeHash, Optional<Instant>> codes = recoveryCodes.get(new Key(tenantId, userId));
        if (codes == null || !codes.containsKey(code) || codes.get(code).isPresent()) {
            return false;
        }
        codes.put(code, Optional.of(now));
        return true;
    }

    @Override
    public synchronized int countUnusedRecoveryCodes(TenantId tenantId, UserId userId) {
        return (int) recoveryCodes.getOrDefault(new Key(tenantId, userId), Map.of()).values().stream()
                .filter(Optional::isEmpty).count();
    }

    @Override
    public synchronized Set<UserId> withConfirmedTotp(TenantId tenantId, Collection<UserId> userIds) {
        return userIds.stream().filter(id -> Optional.ofNullable(factors.get(new Key(tenantId, id)))
                .filter(TotpFactor::isConfirmed).isPresent()).collect(Collectors.toSet());
    }

    @Override
    public synchronized Object snapshot() {
        Map<Key, Map<RecoveryCodeHash, Optional<Instant>>> codes = new HashMap<>();
        recoveryCodes.forEach((key, perUser) -> codes.put(key, new LinkedHashMap<>(perUser)));
        return new Object[] {new HashMap<>(factors), codes};
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        Object[] parts = (Object[]) snapshot;
        factors = new HashMap<>((Map<Key, TotpFactor>) parts[0]);
        recoveryCodes = new HashMap<>();
        ((Map<Key, Map<RecoveryCodeHash, Optional<Instant>>>) parts[1])
                .forEach((key, perUser) -> recoveryCodes.put(key, new LinkedHashMap<>(perUser)));
    }
}
