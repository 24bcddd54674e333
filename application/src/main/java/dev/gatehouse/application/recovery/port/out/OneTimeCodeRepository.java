package dev.gatehouse.application.recovery.port.out;

import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time codes (password reset, magic link, email verification), stored by hash. At most one code per
 * tenant, kind and address counts: issuing a code replaces the earlier ones. Using a code and counting a
 * wrong try are single conditional updates, so that of concurrent presentations, in any process, at most
 * one uses a code and no wrong try is lost.
 */
public interface OneTimeCodeRepository {

    /** Deletes the tenant's earlier codes of this kind for this address and stores this one. */
    void replace(OneTimeCode code);

    /** The newest code of this kind for the address, whatever its state. */
    Optional<OneTimeCode> findLatest(TenantId tenantId, CodeKind kind, EmailAddress email);

    /** The code of this kind with this hash, whatever its state (for link codes of 256 random bits). */
    Optional<OneTimeCode> findByHash(TenantId tenantId, CodeKind kind, String codeHash);

    /**
     * Marks the code used, unless it is used already, has {@link OneTimeCode#MAX_FAILED_ATTEMPTS} wrong tries
     * or has expired at {@code now}; true when this call used it.
     */
    boolean markUsed(TenantId tenantId, UUID id, Instant now);

    /** Counts one wrong try against the code; the number of wrong tries after this one (0 when there is no such code). */
    int recordFailedAttempt(TenantId tenantId, UUID id);

    /** Deletes every code of every kind sent to the address in the tenant (the address changed hands); how many. */
    int deleteForAddress(TenantId tenantId, EmailAddress email);

    /** Deletes the codes that expired before {@code before}, of every tenant; how many. */
    int deleteExpired(Instant before);
}
