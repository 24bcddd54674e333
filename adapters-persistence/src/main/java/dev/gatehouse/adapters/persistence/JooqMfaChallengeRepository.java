package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.MFA_CHALLENGE;

import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Open MFA challenges in {@code mfa_challenge} (V16); every statement joins the caller's unit of work
 * ({@link JooqStore}). Counting a wrong code is one update that adds one to the row as it stands and returns the
 * result; spending is one delete conditional on the challenge being live. Of concurrent ones, in any process, each
 * waits for the other's row lock and then works on the row as the other left it: every failure counts, and once one
 * spend deleted the row the others find nothing to delete.
 */
final class JooqMfaChallengeRepository extends JooqStore implements MfaChallengeRepository {
    JooqMfaChallengeRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void insert(MfaChallenge challenge) {
        dsl.insertInto(MFA_CHALLENGE)
                .set(MFA_CHALLENGE.TOKEN_HASH, challenge.tokenHash())
                .set(MFA_CHALLENGE.TENANT_ID, challenge.tenantId().value())
                .set(MFA_CHALLENGE.USER_ID, challenge.userId().value())
                .set(MFA_CHALLENGE.PURPOSE, challenge.purpose().name())
                .set(MFA_CHALLENGE.CREATED_AT, challenge.createdAt())
                .set(MFA_CHALLENGE.EXPIRES_AT, challenge.expiresAt())
                .set(MFA_CHALLENGE.FAILURES, challenge.failures())
                .set(MFA_CHALLENGE.SECURITY_STAMP, challenge.securityStamp().value())
                .execute();
    }

    @Override
    public Optional<MfaChallenge> find(String tokenHash) {
        return dsl.selectFrom(MFA_CHALLENGE)
                .where(MFA_CHALLENGE.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(JooqMfaChallengeRepository::toDomain);
    }

    @Override
    public int recordFailure(String tokenHash) {
        return dsl.update(MFA_CHALLENGE)
                .set(MFA_CHALLENGE.FAILURES, MFA_CHALLENGE.FAILURES.plus(1))
                .where(MFA_CHALLENGE.TOKEN_HASH.eq(tokenHash))
                .returningResult(MFA_CHALLENGE.FAILURES)
                .fetchOptional()
                .map(r -> r.value1())
                .orElse(0);
    }

    @Override
    public boolean spend(String tokenHash, Instant now) {
        return dsl.deleteFrom(MFA_CHALLENGE)
                .where(MFA_CHALLENGE.TOKEN_HASH.eq(tokenHash))
                .and(liveAt(now))
                .execute() == 1;
    }

    @Override
    public int deleteForUser(TenantId tenantId, UserId userId) {
        return dsl.deleteFrom(MFA_CHALLENGE)
                .where(MFA_CHALLENGE.TENANT_ID.eq(tenantId.value()))
                .and(MFA_CHALLENGE.USER_ID.eq(userId.value()))
                .execute();
    }

    @Override
    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(MFA_CHALLENGE)
                .where(MFA_CHALLENGE.EXPIRES_AT.le(now).or(MFA_CHALLENGE.FAILURES.ge(MfaChallenge.MAX_FAILURES)))
                .execute();
    }

    /** {@link MfaChallenge#isLiveAt} as a condition. */
    private static Condition liveAt(Instant now) {
        return MFA_CHALLENGE.EXPIRES_AT.gt(now).and(MFA_CHALLENGE.FAILURES.lt(MfaChallenge.MAX_FAILURES));
    }

    private static MfaChallenge toDomain(Record r) {
        return new MfaChallenge(r.get(MFA_CHALLENGE.TOKEN_HASH), new TenantId(r.get(MFA_CHALLENGE.TENANT_ID)),
                new UserId(r.get(MFA_CHALLENGE.USER_ID)), MfaChallenge.Purpose.valueOf(r.get(MFA_CHALLENGE.PURPOSE)),
                r.get(MFA_CHALLENGE.CREATED_AT), r.get(MFA_CHALLENGE.EXPIRES_AT), r.get(MFA_CHALLENGE.FAILURES),
                new SecurityStamp(r.get(MFA_CHALLENGE.SECURITY_STAMP)));
    }
}
