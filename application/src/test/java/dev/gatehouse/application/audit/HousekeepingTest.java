package dev.gatehouse.application.audit;


import dev.gatehouse.domain.user.SecurityStamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.fakes.InMemoryMfaChallengeRepository;
import dev.gatehouse.application.audit.port.out.HousekeepingStore;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.MfaChallenge.Purpose;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HousekeepingTest {
    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_housekeeping");
    private static final UserId USER = new UserId(UUID.randomUUID());
    private final InMemoryMfaChallengeRepository challenges = new InMemoryMfaChallengeRepository();
    private final dev.gatehouse.application.fakes.InMemoryOAuthFlowRepository flows =
            new dev.gatehouse.application.fakes.InMemoryOAuthFlowRepository();
    private final dev.gatehouse.application.fakes.InMemoryEmailChangeStore emailChanges =
            new dev.gatehouse.application.fakes.InMemoryEmailChangeStore();

    /** Answers full batches a given number of times per kind, then a partial one; records the cut-offs. */
    private static final class ScriptedStore implements HousekeepingStore {
        final Map<String, Instant> cutoffs = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        int fullBatchesOfSessions = 2;

        private int answer(String kind, Instant cutoff, int limit) {
            cutoffs.put(kind, cutoff);
            calls.add(kind);
            if (kind.equals("sessions") && fullBatchesOfSessions-- > 0) {
                return limit;
            }
            return 1;
        }

        @Override
        public int deleteSessionsExpiredBefore(Instant before, int limit) {
            return answer("sessions", before, limit);
        }

        @Override
        public int deleteDeadRefreshGrants(Instant now, int limit) {
            return answer("refreshGrants", now, limit);
        }

        @Override
        public int deleteCodesExpiredBefore(Instant before, int limit) {
            return answer("codes", before, limit);
        }

        @Override
        public int deleteRateLimitWindowsExpiredBefore(Instant before, int limit) {
            return answer("rateLimitWindows", before, limit);
        }

        @Override
        public int deleteLoginSourcesLastSeenBefore(Instant before, int limit) {
            return answer("loginSources", before, limit);
        }

        @Override
        public int deleteInvitationsExpiredBefore(Instant before, int limit) {
            return answer("invitations", before, limit);
        }
    }

    @Test
    void eachKindIsDeletedPastItsOwnCutoffAndFullBatchesAreFollowedByAnother() {
        ScriptedStore store = new ScriptedStore();
        Instant now = world.clock.now();

        Map<String, Integer> deleted = world.useCases.housekeeping(store, challenges, flows, emailChanges).runOnce(Duration.ofDays(365));

        assertThat(store.cutoffs).containsEntry("sessions", now.minus(Duration.ofDays(1)))
                .containsEntry("refreshGrants", now)
                .containsEntry("codes", now.minus(Duration.ofHours(1)))
                .containsEntry("invitations", now)
                .containsEntry("rateLimitWindows", now)
                .containsEntry("loginSources", now.minus(Duration.ofDays(31)));
        assertThat(store.calls.stream().filter("sessions"::equals)).hasSize(3);
        assertThat(deleted).containsEntry("sessions", 2 * HousekeepingService.BATCH + 1).containsEntry("codes", 1);
    }

    @Test
    void auditEventsOlderThanTheRetentionGoAndNewerOnesStay() {
        Instant now = world.clock.now();
        AuditEvent old = AuditEvent.of(tenant.id(), AuditEventType.SIGN_UP, now.minus(Duration.ofDays(366)), null);
        AuditEvent recent = AuditEvent.of(tenant.id(), AuditEventType.SIGN_UP, now.minus(Duration.ofDays(364)), null);
        world.audit.record(old);
        world.audit.record(recent);

        Map<String, Integer> deleted = world.useCases.housekeeping(new ScriptedStore(), challenges, flows, emailChanges).runOnce(Duration.ofDays(365));

        assertThat(deleted).containsEntry("auditEvents", 1);
        assertThat(world.audit.events()).containsExactly(recent);
    }

    @Test
    void mfaChallengesGoOnceExpiredOrExhaustedAndLiveOnesStay() {
        Instant now = world.clock.now();
        TenantId tenantId = tenant.id();
        MfaChallenge expired = MfaChallenge.issue(hash('a'), tenantId, USER, Purpose.VERIFY,
                now.minus(MfaChallenge.LIFETIME), SecurityStamp.INITIAL);
        MfaChallenge exhausted = new MfaChallenge(hash('b'), tenantId, USER, Purpose.VERIFY, now,
                now.plus(MfaChallenge.LIFETIME), MfaChallenge.MAX_FAILURES, SecurityStamp.INITIAL);
        MfaChallenge live = MfaChallenge.issue(hash('c'), tenantId, USER, Purpose.ENROL, now.minusSeconds(60), SecurityStamp.INITIAL);
        List.of(expired, exhausted, live).forEach(challenges::insert);

        Map<String, Integer> deleted = world.useCases.housekeeping(new ScriptedStore(), challenges, flows, emailChanges)
                .runOnce(Duration.ofDays(365));

        assertThat(deleted).containsEntry("mfaChallenges", 2);
        assertThat(challenges.find(expired.tokenHash())).isEmpty();
        assertThat(challenges.find(exhausted.tokenHash())).isEmpty();
        assertThat(challenges.find(live.tokenHash())).contains(live);
        assertThat(world.useCases.housekeeping(new ScriptedStore(), challenges, flows, emailChanges).runOnce(Duration.ofDays(365)))
                .doesNotContainKey("mfaChallenges");
    }

    @Test
    void providerSignInFlowsGoOnceExpiredAndLiveOnesStay() {
        Instant now = world.clock.now();
        dev.gatehouse.domain.oauth.OAuthFlow expired = flow('a', now.minus(dev.gatehouse.domain.oauth.OAuthFlow.LIFETIME).minusSeconds(1));
        dev.gatehouse.domain.oauth.OAuthFlow live = flow('b', now);
        List.of(expired, live).forEach(flows::insertFlow);

        Map<String, Integer> deleted = world.useCases.housekeeping(new ScriptedStore(), challenges, flows, emailChanges)
                .runOnce(Duration.ofDays(365));

        assertThat(deleted).containsEntry("oauthFlows", 1);
        assertThat(flows.takeFlow(expired.stateHash())).isEmpty();
        assertThat(flows.takeFlow(live.stateHash())).contains(live);
    }

    @Test
    void emailChangesGoOnceExpiredOrOutOfTriesAndRevertsOnceExpired() {
        Instant now = world.clock.now();
        UserId other = new UserId(UUID.randomUUID());
        UserId third = new UserId(UUID.randomUUID());
        var email = new dev.gatehouse.domain.user.EmailAddress("new@example.com");
        var expired = dev.gatehouse.domain.emailchange.PendingEmailChange.start(UUID.randomUUID(), tenant.id(), USER,
                email, hash('a'), now.minus(Duration.ofHours(2)), Duration.ofHours(1));
        var exhausted = new dev.gatehouse.domain.emailchange.PendingEmailChange(UUID.randomUUID(), tenant.id(), other,
                email, hash('b'), dev.gatehouse.domain.emailchange.PendingEmailChange.MAX_FAILED_ATTEMPTS, now,
                now.plusSeconds(60));
        var live = dev.gatehouse.domain.emailchange.PendingEmailChange.start(UUID.randomUUID(), tenant.id(), third,
                email, hash('c'), now, Duration.ofHours(1));
        List.of(expired, exhausted, live).forEach(emailChanges::replacePending);
        var oldRevert = dev.gatehouse.domain.emailchange.EmailChangeRevert.issue(tenant.id(), USER,
                new dev.gatehouse.domain.user.EmailAddress("old@example.com"), email, hash('d'),
                now.minus(dev.gatehouse.domain.emailchange.EmailChangeRevert.LIFETIME));
        var newRevert = dev.gatehouse.domain.emailchange.EmailChangeRevert.issue(tenant.id(), USER,
                new dev.gatehouse.domain.user.EmailAddress("old@example.com"), email, hash('e'), now.minusSeconds(1));
        List.of(oldRevert, newRevert).forEach(emailChanges::insertRevert);

        Map<String, Integer> deleted = world.useCases.housekeeping(new ScriptedStore(), challenges, flows, emailChanges)
                .runOnce(Duration.ofDays(365));

        assertThat(deleted).containsEntry("emailChanges", 3);
        assertThat(emailChanges.findPending(tenant.id(), third)).contains(live);
        assertThat(emailChanges.findRevert(tenant.id(), hash('e'))).contains(newRevert);
        assertThat(emailChanges.size()).isEqualTo(2);
    }

    private dev.gatehouse.domain.oauth.OAuthFlow flow(char digit, Instant created) {
        return new dev.gatehouse.domain.oauth.OAuthFlow(hash(digit), tenant.id(), "idp",
                dev.gatehouse.domain.oauth.OAuthFlow.Purpose.SIGN_IN, "nonce", "verifier", hash('f'),
                "https://app.example.com/done", null, null, null, null, "198.51.100.7", created,
                created.plus(dev.gatehouse.domain.oauth.OAuthFlow.LIFETIME));
    }

    private static String hash(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    @Test
    void refusesAZeroRetention() {
        assertThatThrownBy(() -> world.useCases.housekeeping(new ScriptedStore(), challenges, flows, emailChanges).runOnce(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
