package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.LOGIN_SOURCE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.ONE_TIME_CODE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.RATE_LIMIT_WINDOW;
import static dev.gatehouse.adapters.persistence.jooq.Tables.REFRESH_GRANT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The housekeeping deletes on a real database: rows past their cut-off go, rows before it stay, in batches of at
 * most the limit. Rows are written directly, each test in a time range of its own (the deletes span tenants).
 */
abstract class HousekeepingStoreTests {
    private DSLContext dsl;
    private HousekeepingStore store;
    private Tenant tenant;
    private Instant cutoff;

    protected abstract DatabaseExtension database();

    @BeforeEach
    void setUp() {
        dsl = database().database().dsl();
        store = database().database().housekeeping();
        tenant = PersistenceMother.tenant();
        database().database().tenants().insert(tenant);
        // Far in the past and different per test: what one test deletes is never another test's row.
        cutoff = Instant.parse("1990-01-01T00:00:00Z").plus(Duration.ofDays(Math.abs(UUID.randomUUID()
                .getMostSignificantBits() % 3000) * 3));
    }

    private UUID session(Instant expiresAt, Instant revokedAt) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(USER_SESSION)
                .set(USER_SESSION.ID, id).set(USER_SESSION.TENANT_ID, tenant.id().value())
                .set(USER_SESSION.USER_ID, UUID.randomUUID()).set(USER_SESSION.ACCOUNT_ID, UUID.randomUUID())
                .set(USER_SESSION.IP_ADDRESS, "").set(USER_SESSION.USER_AGENT, "")
                .set(USER_SESSION.CREATED_AT, expiresAt.minus(Duration.ofDays(30)))
                .set(USER_SESSION.LAST_USED_AT, expiresAt.minus(Duration.ofDays(30)))
                .set(USER_SESSION.PROVED_AT, expiresAt.minus(Duration.ofDays(30)))
                .set(USER_SESSION.EXPIRES_AT, expiresAt)
                .set(USER_SESSION.REVOKED_AT, revokedAt)
                .set(USER_SESSION.REVOCATION_REASON, revokedAt == null ? null : "SIGNED_OUT")
                .execute();
        return id;
    }

    private String grant(UUID session, Instant expiresAt, Instant usedAt) {
        String hash = PersistenceMother.tokenHash();
        dsl.insertInto(REFRESH_GRANT).set(REFRESH_GRANT.TOKEN_HASH, hash).set(REFRESH_GRANT.SESSION_ID, session)
                .set(REFRESH_GRANT.CREATED_AT, expiresAt.minus(Duration.ofDays(7)))
                .set(REFRESH_GRANT.EXPIRES_AT, expiresAt).set(REFRESH_GRANT.USED_AT, usedAt).execute();
        return hash;
    }

    private UUID code(Instant expiresAt) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(ONE_TIME_CODE).set(ONE_TIME_CODE.ID, id).set(ONE_TIME_CODE.TENANT_ID, tenant.id().value())
                .set(ONE_TIME_CODE.KIND, "PASSWORD_RESET").set(ONE_TIME_CODE.EMAIL, "a@example.io")
                .set(ONE_TIME_CODE.CODE_HASH, PersistenceMother.tokenHash())
                .set(ONE_TIME_CODE.CREATED, expiresAt.minus(Duration.ofMinutes(15)))
                .set(ONE_TIME_CODE.EXPIRES_AT, expiresAt).execute();
        return id;
    }

    private String window(Instant expiresAt) {
        String bucket = PersistenceMother.tokenHash();
        dsl.insertInto(RATE_LIMIT_WINDOW).set(RATE_LIMIT_WINDOW.BUCKET, bucket)
                .set(RATE_LIMIT_WINDOW.WINDOW_START, expiresAt.minus(Duration.ofMinutes(2)))
                .set(RATE_LIMIT_WINDOW.HITS, 3L).set(RATE_LIMIT_WINDOW.TRIPPED, false)
                .set(RATE_LIMIT_WINDOW.EXPIRES_AT, expiresAt).execute();
        return bucket;
    }

    private String loginSource(Instant lastSuccess) {
        String account = PersistenceMother.tokenHash();
        dsl.insertInto(LOGIN_SOURCE).set(LOGIN_SOURCE.ACCOUNT_KEY, account)
                .set(LOGIN_SOURCE.SOURCE_KEY, PersistenceMother.tokenHash())
                .set(LOGIN_SOURCE.LAST_SUCCESS_AT, lastSuccess).execute();
        return account;
    }

    private boolean sessionExists(UUID id) {
        return dsl.fetchExists(USER_SESSION, USER_SESSION.ID.eq(id));
    }

    private boolean grantExists(String hash) {
        return dsl.fetchExists(REFRESH_GRANT, REFRESH_GRANT.TOKEN_HASH.eq(hash));
    }

    private static int drain(java.util.function.IntSupplier batch) {
        int total = 0;
        for (int n = batch.getAsInt(); ; n = batch.getAsInt()) {
            total += n;
            if (n == 0) {
                return total;
            }
        }
    }

    @Test
    void deletesSessionsExpiredBeforeTheCutoffWithTheirGrantsAndKeepsTheOthers() {
        UUID expired = session(cutoff.minusMillis(1), null);
        String grantOfExpired = grant(expired, cutoff.minusMillis(1), cutoff.minus(Duration.ofDays(1)));
        UUID atCutoff = session(cutoff, null);
        UUID later = session(cutoff.plus(Duration.ofDays(3)), cutoff);

        assertThat(drain(() -> store.deleteSessionsExpiredBefore(cutoff, 100))).isGreaterThanOrEqualTo(1);

        assertThat(sessionExists(expired)).isFalse();
        assertThat(grantExists(grantOfExpired)).as("cascades").isFalse();
        assertThat(sessionExists(atCutoff)).isTrue();
        assertThat(sessionExists(later)).isTrue();
    }

    @Test
    void deletesGrantsThatCanDoNothingAndKeepsUsedGrantsOfLiveSessionsForReuseDetection() {
        Instant now = cutoff;
        Instant future = now.plus(Duration.ofDays(400_000));
        UUID live = session(future, null);
        UUID revoked = session(future, now.minus(Duration.ofMinutes(1)));
        String unusedExpired = grant(live, now.minusMillis(1), null);
        String unusedLive = grant(live, now.plus(Duration.ofDays(1)), null);
        String usedExpired = grant(live, now.minusMillis(1), now.minus(Duration.ofDays(2)));
        String ofRevokedSession = grant(revoked, now.plus(Duration.ofDays(1)), null);

        drain(() -> store.deleteDeadRefreshGrants(now, 100));

        assertThat(grantExists(unusedExpired)).isFalse();
        assertThat(grantExists(ofRevokedSession)).isFalse();
        assertThat(grantExists(unusedLive)).isTrue();
        assertThat(grantExists(usedExpired)).as("kept: presenting it again reveals theft").isTrue();
        assertThat(sessionExists(revoked)).as("the session itself stays for the revocation feed").isTrue();
    }

    @Test
    void deletesExpiredCodesInBatchesOfAtMostTheLimit() {
        List<UUID> expired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expired.add(code(cutoff.minusSeconds(10 + i)));
        }
        UUID kept = code(cutoff);

        List<Integer> batches = new ArrayList<>();
        for (int n = store.deleteCodesExpiredBefore(cutoff, 2); ; n = store.deleteCodesExpiredBefore(cutoff, 2)) {
            batches.add(n);
            if (n < 2) {
                break;
            }
        }

        assertThat(batches).allMatch(n -> n <= 2);
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(5);
        assertThat(dsl.fetchCount(ONE_TIME_CODE, ONE_TIME_CODE.ID.in(expired))).isZero();
        assertThat(dsl.fetchExists(ONE_TIME_CODE, ONE_TIME_CODE.ID.eq(kept))).isTrue();
    }

    @Test
    void deletesInvitationsExpiredBeforeTheCutoffAndKeepsPendingOnes() {
        Account account = PersistenceMother.account(tenant);
        database().database().accounts().insert(account);
        Invitation expired = invitation(account, cutoff.minusMillis(1));
        Invitation atCutoff = invitation(account, cutoff);

        assertThat(drain(() -> store.deleteInvitationsExpiredBefore(cutoff, 1))).isGreaterThanOrEqualTo(1);

        assertThat(database().database().invitations().findById(tenant.id(), expired.id())).isEmpty();
        assertThat(database().database().invitations().findById(tenant.id(), atCutoff.id())).contains(atCutoff);
    }

    private Invitation invitation(Account account, Instant expiresAt) {
        Invitation invitation = Invitation.issue(
                new InvitationId(UUID.randomUUID()), tenant.id(), account.id(),
                PersistenceMother.uniqueEmail(), Role.USER, PersistenceMother.tokenHash(),
                Optional.empty(), expiresAt.minus(Invitation.LIFETIME));
        database().database().invitations().insert(invitation);
        return invitation;
    }

    @Test
    void deletesExpiredRateLimitWindowsAndStaleLoginSources() {
        String expiredWindow = window(cutoff.minusMillis(1));
        String liveWindow = window(cutoff);
        String staleSource = loginSource(cutoff.minusMillis(1));
        String recentSource = loginSource(cutoff);

        drain(() -> store.deleteRateLimitWindowsExpiredBefore(cutoff, 1));
        drain(() -> store.deleteLoginSourcesLastSeenBefore(cutoff, 1));

        assertThat(dsl.fetchExists(RATE_LIMIT_WINDOW, RATE_LIMIT_WINDOW.BUCKET.eq(expiredWindow))).isFalse();
        assertThat(dsl.fetchExists(RATE_LIMIT_WINDOW, RATE_LIMIT_WINDOW.BUCKET.eq(liveWindow))).isTrue();
        assertThat(dsl.fetchExists(LOGIN_SOURCE, LOGIN_SOURCE.ACCOUNT_KEY.eq(staleSource))).isFalse();
        assertThat(dsl.fetchExists(LOGIN_SOURCE, LOGIN_SOURCE.ACCOUNT_KEY.eq(recentSource))).isTrue();
    }
}
