package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.MFA_RECOVERY_CODE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.MFA_TOTP;

import dev.gatehouse.adapters.persistence.jooq.tables.records.MfaRecoveryCodeRecord;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.domain.mfa.RecoveryCodeHash;
import dev.gatehouse.domain.mfa.SealedTotpSecret;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;

/**
 * Second factors in {@code mfa_totp} and {@code mfa_recovery_code} (V15); every statement joins the caller's
 * unit of work ({@link JooqStore}), and the methods of two statements run them atomically. Recording a used
 * step, confirming and using a recovery code are single conditional updates with no prior read: of concurrent
 * ones, in any process, each waits for the other's row lock and then re-checks its condition against the row as
 * the other left it, so a time step or a recovery code is used at most once.
 */
final class JooqMfaRepository extends JooqStore implements MfaRepository {
    JooqMfaRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public Optional<TotpFactor> findTotp(TenantId tenantId, UserId userId) {
        return dsl.selectFrom(MFA_TOTP).where(totpOf(tenantId, userId)).fetchOptional(JooqMfaRepository::toDomain);
    }

    /**
     * Insert-or-replace in one statement (jOOQ renders PostgreSQL's {@code on conflict ... do update ... where} and
     * H2's {@code merge ... when matched and ...}), so a confirmed factor is never overwritten, whatever runs
     * beside it. PostgreSQL settles concurrent first enrolments itself; H2's merge lets the later of two fail on the
     * primary key instead (only that statement fails, not the transaction), and its retry finds the row.
     */
    @Override
    public boolean savePendingTotp(TotpFactor pending) {
        if (pending.isConfirmed()) {
            throw new IllegalArgumentException("a pending enrolment cannot be confirmed");
        }
        return SqlErrors.upsertRetrying(() -> upsertPending(pending));
    }

    private boolean upsertPending(TotpFactor pending) {
        return dsl.insertInto(MFA_TOTP)
                .set(MFA_TOTP.TENANT_ID, pending.tenantId().value())
                .set(MFA_TOTP.USER_ID, pending.userId().value())
                .set(MFA_TOTP.SECRET_SEALED, pending.secret().value())
                .set(MFA_TOTP.CREATED_AT, pending.createdAt())
                .set(MFA_TOTP.CONFIRMED_AT, (Instant) null)
                .set(MFA_TOTP.LAST_USED_STEP, (Long) null)
                .onConflict(MFA_TOTP.TENANT_ID, MFA_TOTP.USER_ID)
                .doUpdate()
                .set(MFA_TOTP.SECRET_SEALED, pending.secret().value())
                .set(MFA_TOTP.CREATED_AT, pending.createdAt())
                .set(MFA_TOTP.LAST_USED_STEP, (Long) null)
                .where(MFA_TOTP.CONFIRMED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public boolean confirmTotp(TenantId tenantId, UserId userId, TotpStep usedStep, Instant now) {
        return dsl.update(MFA_TOTP)
                .set(MFA_TOTP.CONFIRMED_AT, now)
                .set(MFA_TOTP.LAST_USED_STEP, usedStep.value())
                .where(totpOf(tenantId, userId))
                .and(MFA_TOTP.CONFIRMED_AT.isNull())
                .and(stepIsNew(usedStep))
                .execute() == 1;
    }

    @Override
    public boolean recordUsedStep(TenantId tenantId, UserId userId, TotpStep step) {
        return dsl.update(MFA_TOTP)
                .set(MFA_TOTP.LAST_USED_STEP, step.value())
                .where(totpOf(tenantId, userId))
                .and(MFA_TOTP.CONFIRMED_AT.isNotNull())
                .and(stepIsNew(step))
                .execute() == 1;
    }

    @Override
    public boolean deleteFactors(TenantId tenantId, UserId userId) {
        boolean[] hadFactor = {false};
        atomically(() -> {
            dsl.deleteFrom(MFA_RECOVERY_CODE).where(codesOf(tenantId, userId)).execute();
            hadFactor[0] = dsl.deleteFrom(MFA_TOTP).where(totpOf(tenantId, userId)).execute() == 1;
        });
        return hadFactor[0];
    }

    @Override
    public void replaceRecoveryCodes(TenantId tenantId, UserId userId, Collection<RecoveryCodeHash> codes, Instant now) {
        atomically(() -> {
            dsl.deleteFrom(MFA_RECOVERY_CODE).where(codesOf(tenantId, userId)).execute();
            if (codes.isEmpty()) {
                return;
            }
            InsertValuesStep5<MfaRecoveryCodeRecord, UUID, UUID, String, Instant, Instant> insert = dsl.insertInto(
                    MFA_RECOVERY_CODE, MFA_RECOVERY_CODE.TENANT_ID, MFA_RECOVERY_CODE.USER_ID,
                    MFA_RECOVERY_CODE.CODE_HASH, MFA_RECOVERY_CODE.CREATED_AT, MFA_RECOVERY_CODE.USED_AT);
            for (RecoveryCodeHash code : codes) {
                insert = insert.values(tenantId.value(), userId.value(), code.hex(), now, null);
            }
            insert.execute();
        });
    }

    @Override
    public boolean useRecoveryCode(TenantId tenantId, UserId userId, RecoveryCodeHash code, Instant now) {
        return dsl.update(MFA_RECOVERY_CODE)
                .set(MFA_RECOVERY_CODE.USED_AT, now)
                .where(codesOf(tenantId, userId))
                .and(MFA_RECOVERY_CODE.CODE_HASH.eq(code.hex()))
                .and(MFA_RECOVERY_CODE.USED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public int countUnusedRecoveryCodes(TenantId tenantId, UserId userId) {
        return dsl.fetchCount(MFA_RECOVERY_CODE, codesOf(tenantId, userId).and(MFA_RECOVERY_CODE.USED_AT.isNull()));
    }

    @Override
    public Set<UserId> withConfirmedTotp(TenantId tenantId, Collection<UserId> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return dsl.select(MFA_TOTP.USER_ID).from(MFA_TOTP)
                .where(MFA_TOTP.TENANT_ID.eq(tenantId.value())
                        .and(MFA_TOTP.USER_ID.in(userIds.stream().map(UserId::value).toList()))
                        .and(MFA_TOTP.CONFIRMED_AT.isNotNull()))
                .fetchSet(row -> new UserId(row.value1()));
    }

    private static Condition totpOf(TenantId tenantId, UserId userId) {
        return MFA_TOTP.TENANT_ID.eq(tenantId.value()).and(MFA_TOTP.USER_ID.eq(userId.value()));
    }

    private static Condition codesOf(TenantId tenantId, UserId userId) {
        return MFA_RECOVERY_CODE.TENANT_ID.eq(tenantId.value()).and(MFA_RECOVERY_CODE.USER_ID.eq(userId.value()));
    }

    /** The factor's rule ({@link TotpFactor#acceptsStep}) as the update's condition. */
    private static Condition stepIsNew(TotpStep step) {
        return MFA_TOTP.LAST_USED_STEP.isNull().or(MFA_TOTP.LAST_USED_STEP.lt(step.value()));
    }

    private static TotpFactor toDomain(Record r) {
        return new TotpFactor(new TenantId(r.get(MFA_TOTP.TENANT_ID)), new UserId(r.get(MFA_TOTP.USER_ID)),
                new SealedTotpSecret(r.get(MFA_TOTP.SECRET_SEALED)), r.get(MFA_TOTP.CREATED_AT),
                Optional.ofNullable(r.get(MFA_TOTP.CONFIRMED_AT)),
                Optional.ofNullable(r.get(MFA_TOTP.LAST_USED_STEP)).map(TotpStep::new));
    }
}
