package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.ONE_TIME_CODE;

import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * One-time codes in {@code one_time_code}. Using a code and counting a wrong try are single conditional
 * updates with no prior read: of concurrent ones, in any process, each waits for the other's row lock and
 * then sees its effect, so a code is used at most once and every wrong try counts.
 */
final class JooqOneTimeCodeRepository extends JooqStore implements OneTimeCodeRepository {
    JooqOneTimeCodeRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void replace(OneTimeCode code) {
        dsl.deleteFrom(ONE_TIME_CODE)
                .where(ONE_TIME_CODE.TENANT_ID.eq(code.tenantId().value()))
                .and(ONE_TIME_CODE.KIND.eq(code.kind().name()))
                .and(ONE_TIME_CODE.EMAIL.eq(code.email().value()))
                .execute();
        dsl.insertInto(ONE_TIME_CODE)
                .set(ONE_TIME_CODE.ID, code.id())
                .set(ONE_TIME_CODE.TENANT_ID, code.tenantId().value())
                .set(ONE_TIME_CODE.KIND, code.kind().name())
                .set(ONE_TIME_CODE.EMAIL, code.email().value())
                .set(ONE_TIME_CODE.USER_ID, code.userId().map(UserId::value).orElse(null))
                .set(ONE_TIME_CODE.CODE_HASH, code.codeHash())
                .set(ONE_TIME_CODE.CREATED, code.created())
                .set(ONE_TIME_CODE.EXPIRES_AT, code.expiresAt())
                .set(ONE_TIME_CODE.FAILED_ATTEMPTS, code.failedAttempts())
                .set(ONE_TIME_CODE.USED_AT, code.usedAt().orElse(null))
                .execute();
    }

    @Override
    public Optional<OneTimeCode> findLatest(TenantId tenantId, CodeKind kind, EmailAddress email) {
        return dsl.selectFrom(ONE_TIME_CODE)
                .where(ONE_TIME_CODE.TENANT_ID.eq(tenantId.value()))
                .and(ONE_TIME_CODE.KIND.eq(kind.name()))
                .and(ONE_TIME_CODE.EMAIL.eq(email.value()))
                .orderBy(ONE_TIME_CODE.CREATED.desc(), ONE_TIME_CODE.ID.desc())
                .limit(1)
                .fetchOptional(JooqOneTimeCodeRepository::toDomain);
    }

    @Override
    public Optional<OneTimeCode> findByHash(TenantId tenantId, CodeKind kind, String codeHash) {
        return dsl.selectFrom(ONE_TIME_CODE)
                .where(ONE_TIME_CODE.CODE_HASH.eq(codeHash))
                .and(ONE_TIME_CODE.TENANT_ID.eq(tenantId.value()))
                .and(ONE_TIME_CODE.KIND.eq(kind.name()))
                .limit(1)
                .fetchOptional(JooqOneTimeCodeRepository::toDomain);
    }

    @Override
    public boolean markUsed(TenantId tenantId, UUID id, Instant now) {
        return dsl.update(ONE_TIME_CODE)
                .set(ONE_TIME_CODE.USED_AT, now)
                .where(ONE_TIME_CODE.ID.eq(id).and(ONE_TIME_CODE.TENANT_ID.eq(tenantId.value())))
                .and(ONE_TIME_CODE.USED_AT.isNull())
                .and(ONE_TIME_CODE.FAILED_ATTEMPTS.lt(OneTimeCode.MAX_FAILED_ATTEMPTS))
                .and(ONE_TIME_CODE.EXPIRES_AT.gt(now))
                .execute() == 1;
    }

    @Override
    public int recordFailedAttempt(TenantId tenantId, UUID id) {
        return dsl.update(ONE_TIME_CODE)
                .set(ONE_TIME_CODE.FAILED_ATTEMPTS, ONE_TIME_CODE.FAILED_ATTEMPTS.plus(1))
                .where(ONE_TIME_CODE.ID.eq(id).and(ONE_TIME_CODE.TENANT_ID.eq(tenantId.value())))
                .returningResult(ONE_TIME_CODE.FAILED_ATTEMPTS)
                .fetchOptional()
                .map(r -> r.value1())
                .orElse(0);
    }

    @Override
    public int deleteForAddress(TenantId tenantId, EmailAddress email) {
        return dsl.deleteFrom(ONE_TIME_CODE)
                .where(ONE_TIME_CODE.TENANT_ID.eq(tenantId.value()))
                .and(ONE_TIME_CODE.EMAIL.eq(email.value()))
                .execute();
    }

    @Override
    public int deleteExpired(Instant before) {
        return dsl.deleteFrom(ONE_TIME_CODE).where(ONE_TIME_CODE.EXPIRES_AT.lt(before)).execute();
    }

    private static OneTimeCode toDomain(Record r) {
        return new OneTimeCode(r.get(ONE_TIME_CODE.ID), new TenantId(r.get(ONE_TIME_CODE.TENANT_ID)),
                CodeKind.valueOf(r.get(ONE_TIME_CODE.KIND)), EmailAddress.ofStored(r.get(ONE_TIME_CODE.EMAIL)),
                Optional.ofNullable(r.get(ONE_TIME_CODE.USER_ID)).map(UserId::new), r.get(ONE_TIME_CODE.CODE_HASH),
                r.get(ONE_TIME_CODE.CREATED), r.get(ONE_TIME_CODE.EXPIRES_AT), r.get(ONE_TIME_CODE.FAILED_ATTEMPTS),
                Optional.ofNullable(r.get(ONE_TIME_CODE.USED_AT)));
    }
}
