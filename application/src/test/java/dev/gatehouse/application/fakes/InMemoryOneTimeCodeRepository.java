package dev.gatehouse.application.fakes;

import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryOneTimeCodeRepository implements OneTimeCodeRepository, InMemoryStore {
    private Map<UUID, OneTimeCode> codes = new LinkedHashMap<>();

    @Override
    public synchronized void replace(OneTimeCode code) {
        codes.values().removeIf(c -> c.tenantId().equals(code.tenantId()) && c.kind() == code.kind()
                && c.email().equals(code.email()));
        if (codes.putIfAbsent(code.id(), code) != null) {
            throw new IllegalStateException("duplicate code id " + code.id());
        }
    }

    @Override
    public synchronized Optional<OneTimeCode> findLatest(TenantId tenantId, CodeKind kind, EmailAddress email) {
        return codes.values().stream()
                .filter(c -> c.tenantId().equals(tenantId) && c.kind() == kind && c.email().equals(email))
                .max(Comparator.comparing(OneTimeCode::created));
    }

    @Override
    public synchronized Optional<OneTimeCode> findByHash(TenantId tenantId, CodeKind kind, String codeHash) {
        return codes.values().stream()
                .filter(c -> c.tenantId().equals(tenantId) && c.kind() == kind && c.codeHash().equals(codeHash))
                .findFirst();
    }

    @Override
    public synchronized boolean markUsed(TenantId tenantId, UUID id, Instant now) {
        OneTimeCode code = codes.get(id);
        if (code == null || !code.tenantId().equals(tenantId) || !code.isLiveAt(now)) {
            return false;
        }
        codes.put(id, new OneTimeCode(code.id(), code.tenantId(), code.kind(), code.email(), code.userId(),
                code.codeHash(), code.created(), code.expiresAt(), code.failedAttempts(), Optional.of(now)));
        return true;
    }

    @Override
    public synchronized int recordFailedAttempt(TenantId tenantId, UUID id) {
        OneTimeCode code = codes.get(id);
        if (code == null || !code.tenantId().equals(tenantId)) {
            return 0;
        }
        OneTimeCode counted = new OneTimeCode(code.id(), code.tenantId(), code.kind(), code.email(), code.userId(),
                code.codeHash(), code.created(), code.expiresAt(), code.failedAttempts() + 1, code.usedAt());
        codes.put(id, counted);
        return counted.failedAttempts();
    }

    @Override
    public synchronized int deleteForAddress(TenantId tenantId, EmailAddress email) {
        int size = codes.size();
        codes.values().removeIf(c -> c.tenantId().equals(tenantId) && c.email().equals(email));
        return size - codes.size();
    }

    @Override
    public synchronized int deleteExpired(Instant before) {
        int size = codes.size();
        codes.values().removeIf(c -> c.expiresAt().isBefore(before));
        return size - codes.size();
    }

    /** The fake's side of PersonalDataStore.eraseUser: every code of the user or the address. */
    public synchronized int removeAllFor(TenantId tenantId, EmailAddress email) {
        int before = codes.size();
        codes.values().removeIf(c -> c.tenantId().equals(tenantId) && c.email().equals(email));
        return before - codes.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(codes);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        codes = new LinkedHashMap<>((Map<UUID, OneTimeCode>) snapshot);
    }
}
