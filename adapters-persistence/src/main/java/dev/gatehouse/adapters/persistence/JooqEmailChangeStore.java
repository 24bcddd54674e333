package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.EMAIL_CHANGE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.EMAIL_CHANGE_REVERT;

import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Pending email changes in {@code email_change} and their reverts in {@code email_change_revert} (V20); every
 * statement joins the caller's unit of work ({@link JooqStore}). Counting a wrong code adds one to the row as it
 * stands; taking a change is one delete conditional on it being live; using a revert is one update conditional on it
 * being unused and unexpired. Of concurrent ones, in any process, each waits for the other's row lock and then works
 * on the row as the other left it: every wrong try counts, and exactly one take or use succeeds.
 */
final class JooqEmailChangeStore extends JooqStore implements EmailChangeStore {
    JooqEmailChangeStore(DSLContext dsl) {
        super(dsl);
    }

    /** The delete and the insert stand or fall together; the caller holds the user's row lock (no concurrent twin). */
    @Override
    public void replacePending(PendingEmailChange change) {
        atomically(() -> {
            dsl.deleteFrom(EMAIL_CHANGE).where(ofUser(change.tenantId(), change.userId())).execute();
            dsl.insertInto(EMAIL_CHANGE)
                    .set(EMAIL_CHANGE.TENANT_ID, change.tenantId().value())
                    .set(EMAIL_CHANGE.USER_ID, change.userId().value())
                    .set(EMAIL_CHANGE.ID, change.id())
                    .set(EMAIL_CHANGE.NEW_EMAIL, change.newEmail().value())
                    .set(EMAIL_CHANGE.CODE_HASH, change.codeHash())
                    .set(EMAIL_CHANGE.FAILED_ATTEMPTS, change.failedAttempts())
                    .set(EMAIL_CHANGE.CREATED_AT, change.created())
                    .set(EMAIL_CHANGE.EXPIRES_AT, change.expiresAt())
                    .execute();
        });
    }

    @Override
    public Optional<PendingEmailChange> findPending(TenantId tenantId, UserId userId) {
        return dsl.selectFrom(EMAIL_CHANGE).where(ofUser(tenantId, userId))
                .fetchOptional(JooqEmailChangeStore::pendingOf);
    }

    @Override
    public int recordFailedAttempt(TenantId tenantId, UserId userId, UUID id) {
        return dsl.update(EMAIL_CHANGE)
                .set(EMAIL_CHANGE.FAILED_ATTEMPTS, EMAIL_CHANGE.FAILED_ATTEMPTS.plus(1))
                .where(ofUser(tenantId, userId)).and(EMAIL_CHANGE.ID.eq(id))
                .returningResult(EMAIL_CHANGE.FAILED_ATTEMPTS)
                .fetchOptional()
                .map(r -> r.value1())
                .orElse(0);
    }

    @Override
    public boolean takePending(TenantId tenantId, UserId userId, UUID id, Instant now) {
        return dsl.deleteFrom(EMAIL_CHANGE)
                .where(ofUser(tenantId, userId)).and(EMAIL_CHANGE.ID.eq(id))
                .and(EMAIL_CHANGE.EXPIRES_AT.gt(now))
                .and(EMAIL_CHANGE.FAILED_ATTEMPTS.lt(PendingEmailChange.MAX_FAILED_ATTEMPTS))
                .execute() == 1;
    }

    @Override
    public boolean deletePending(TenantId tenantId, UserId userId) {
        return dsl.deleteFrom(EMAIL_CHANGE).where(ofUser(tenantId, userId)).execute() == 1;
    }

    @Override
    public void insertRevert(EmailChangeRevert revert) {
        dsl.insertInto(EMAIL_CHANGE_REVERT)
                .set(EMAIL_CHANGE_REVERT.TOKEN_HASH, revert.tokenHash())
                .set(EMAIL_CHANGE_REVERT.TENANT_ID, revert.tenantId().value())
                .set(EMAIL_CHANGE_REVERT.USER_ID, revert.userId().value())
                .set(EMAIL_CHANGE_REVERT.OLD_EMAIL, revert.oldEmail().value())
                .set(EMAIL_CHANGE_REVERT.NEW_EMAIL, revert.newEmail().value())
                .set(EMAIL_CHANGE_REVERT.CREATED_AT, revert.created())
                .set(EMAIL_CHANGE_REVERT.EXPIRES_AT, revert.expiresAt())
                .set(EMAIL_CHANGE_REVERT.USED_AT, revert.usedAt().orElse(null))
                .execute();
    }

    @Override
    public Optional<EmailChangeRevert> findRevert(TenantId tenantId, String tokenHash) {
        return dsl.selectFrom(EMAIL_CHANGE_REVERT)
                .where(EMAIL_CHANGE_REVERT.TOKEN_HASH.eq(tokenHash))
                .and(EMAIL_CHANGE_REVERT.TENANT_ID.eq(tenantId.value()))
                .fetchOptional(JooqEmailChangeStore::revertOf);
    }

    @Override
    public boolean useRevert(TenantId tenantId, String tokenHash, Instant now) {
        return dsl.update(EMAIL_CHANGE_REVERT)
                .set(EMAIL_CHANGE_REVERT.USED_AT, now)
                .where(EMAIL_CHANGE_REVERT.TOKEN_HASH.eq(tokenHash))
                .and(EMAIL_CHANGE_REVERT.TENANT_ID.eq(tenantId.value()))
                .and(EMAIL_CHANGE_REVERT.USED_AT.isNull())
                .and(EMAIL_CHANGE_REVERT.EXPIRES_AT.gt(now))
                .execute() == 1;
    }

    @Override
    public int voidRevertsAfter(TenantId tenantId, UserId userId, Instant after, Instant now) {
        return dsl.update(EMAIL_CHANGE_REVERT)
                .set(EMAIL_CHANGE_REVERT.USED_AT, now)
                .where(EMAIL_CHANGE_REVERT.TENANT_ID.eq(tenantId.value()))
                .and(EMAIL_CHANGE_REVERT.USER_ID.eq(userId.value()))
                .and(EMAIL_CHANGE_REVERT.CREATED_AT.gt(after))
                .and(EMAIL_CHANGE_REVERT.USED_AT.isNull())
                .execute();
    }

    @Override
    public int deleteExpired(Instant now) {
        int changes = dsl.deleteFrom(EMAIL_CHANGE)
                .where(EMAIL_CHANGE.EXPIRES_AT.le(now)
                        .or(EMAIL_CHANGE.FAILED_ATTEMPTS.ge(PendingEmailChange.MAX_FAILED_ATTEMPTS)))
                .execute();
        return changes + dsl.deleteFrom(EMAIL_CHANGE_REVERT).where(EMAIL_CHANGE_REVERT.EXPIRES_AT.le(now)).execute();
    }

    @Override
    public int deleteAllOfUser(TenantId tenantId, UserId userId) {
        int changes = dsl.deleteFrom(EMAIL_CHANGE).where(ofUser(tenantId, userId)).execute();
        return changes + dsl.deleteFrom(EMAIL_CHANGE_REVERT)
                .where(EMAIL_CHANGE_REVERT.TENANT_ID.eq(tenantId.value()))
                .and(EMAIL_CHANGE_REVERT.USER_ID.eq(userId.value()))
                .execute();
    }

    private static Condition ofUser(TenantId tenantId, UserId userId) {
        return EMAIL_CHANGE.TENANT_ID.eq(tenantId.value()).and(EMAIL_CHANGE.USER_ID.eq(userId.value()));
    }

    private static PendingEmailChange pendingOf(Record r) {
        return new PendingEmailChange(r.get(EMAIL_CHANGE.ID), new TenantId(r.get(EMAIL_CHANGE.TENANT_ID)),
                new UserId(r.get(EMAIL_CHANGE.USER_ID)), EmailAddress.ofStored(r.get(EMAIL_CHANGE.NEW_EMAIL)),
                r.get(EMAIL_CHANGE.CODE_HASH), r.get(EMAIL_CHANGE.FAILED_ATTEMPTS), r.get(EMAIL_CHANGE.CREATED_AT),
                r.get(EMAIL_CHANGE.EXPIRES_AT));
    }

    private static EmailChangeRevert revertOf(Record r) {
        return new EmailChangeRevert(new TenantId(r.get(EMAIL_CHANGE_REVERT.TENANT_ID)),
                new UserId(r.get(EMAIL_CHANGE_REVERT.USER_ID)), EmailAddress.ofStored(r.get(EMAIL_CHANGE_REVERT.OLD_EMAIL)),
                EmailAddress.ofStored(r.get(EMAIL_CHANGE_REVERT.NEW_EMAIL)), r.get(EMAIL_CHANGE_REVERT.TOKEN_HASH),
                r.get(EMAIL_CHANGE_REVERT.CREATED_AT), r.get(EMAIL_CHANGE_REVERT.EXPIRES_AT),
                Optional.ofNullable(r.get(EMAIL_CHANGE_REVERT.USED_AT)));
    }
}
