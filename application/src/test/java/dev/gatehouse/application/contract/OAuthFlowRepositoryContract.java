package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.oauth.OAuthFlow;
import dev.gatehouse.domain.oauth.OAuthFlow.Purpose;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.oauth.OAuthGrant.Kind;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OAuthFlowRepository} must do; extended once per implementation. {@code deleteExpired} spans all
 * tenants, and so all tests sharing a store: its test clears what earlier tests left before counting.
 */
public abstract class OAuthFlowRepositoryContract {
    private static final int RACERS = 12;
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    private PersistencePorts ports;
    private OAuthFlowRepository flows;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;

    /** The stores under test, sharing one unit of work with {@link #flows()}; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract OAuthFlowRepository flows();

    @BeforeEach
    void setUpTwoTenants() {
        ports = ports();
        flows = flows();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        run(() -> {
            ports.tenants().insert(tenant);
            ports.tenants().insert(otherTenant);
        });
    }

    @Test
    void readsBackAFlowOfEachPurposeWithEveryField() {
        OAuthFlow signIn = signIn(tenant.id(), T0);
        OAuthFlow bare = new OAuthFlow(tokenHash(), tenant.id(), "github", Purpose.SIGN_IN, "nonce-2", "verifier-2",
                tokenHash(), "myapp://done", null, null, null, null, "2001:db8:0:0:0:0:0:0/64", T0, T0.plusSeconds(600));
        OAuthFlow link = new OAuthFlow(tokenHash(), tenant.id(), "corporate-sso", Purpose.LINK, "nonce-3",
                "verifier-3", tokenHash(), "https://app.example.com/settings", "s", null,
                new UserId(UUID.randomUUID()), null, "198.51.100.4", T0.plusSeconds(1), T0.plusSeconds(601));
        OAuthFlow compat = new OAuthFlow(tokenHash(), tenant.id(), "google", Purpose.COMPAT, "nonce-4", "verifier-4",
                tokenHash(), null, null, null, null, "req.id_~-42", "unknown", T0.plusSeconds(2), T0.plusSeconds(602));
        run(() -> List.of(signIn, bare, link, compat).forEach(flows::insertFlow));

        assertThat(take(signIn.stateHash())).contains(signIn);
        assertThat(take(bare.stateHash())).contains(bare);
        assertThat(take(link.stateHash())).contains(link);
        assertThat(take(compat.stateHash())).contains(compat);
    }

    @Test
    void takesAFlowOnlyOnceAndAnExpiredOneToo() {
        OAuthFlow live = signIn(tenant.id(), T0);
        OAuthFlow expired = signIn(tenant.id(), T0.minus(Duration.ofDays(1)));
        run(() -> {
            flows.insertFlow(live);
            flows.insertFlow(expired);
        });

        assertThat(take(live.stateHash())).contains(live);
        assertThat(take(live.stateHash())).as("the second take").isEmpty();
        assertThat(take(expired.stateHash())).as("the caller checks expiry").contains(expired);
        assertThat(take(tokenHash())).as("an unknown state").isEmpty();
    }

    @Test
    void refusesASecondFlowWithTheSameState() {
        OAuthFlow first = signIn(tenant.id(), T0);
        run(() -> flows.insertFlow(first));
        OAuthFlow clash = new OAuthFlow(first.stateHash(), otherTenant.id(), "other", Purpose.COMPAT, "n", "v",
                tokenHash(), null, null, null, null, "r", "s", T0, T0.plusSeconds(1));

        assertThatThrownBy(() -> run(() -> flows.insertFlow(clash))).isInstanceOf(RuntimeException.class);
        assertThat(take(first.stateHash())).contains(first);
    }

    @Test
    void readsBackAGrantOfEitherKindWithEveryField() {
        OAuthGrant exchange = exchange(tenant.id(), T0);
        OAuthGrant compat = new OAuthGrant(tokenHash(), tenant.id(), new UserId(UUID.randomUUID()), Kind.COMPAT, "gh", null,
                "unknown", new ProviderProfile("https://github.com", "583231", null, false, null, null, null, null),
                T0.plusSeconds(1), T0.plusSeconds(1).plus(OAuthGrant.COMPAT_LIFETIME));
        run(() -> {
            flows.insertGrant(exchange);
            flows.insertGrant(compat);
        });

        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, exchange.key())).contains(exchange);
        assertThat(flows.findGrant(tenant.id(), Kind.COMPAT, compat.key())).contains(compat);
        assertThat(takeGrant(tenant.id(), Kind.EXCHANGE, exchange.key())).contains(exchange);
        assertThat(takeGrant(tenant.id(), Kind.COMPAT, compat.key())).contains(compat);
    }

    @Test
    void findingAGrantLeavesItAndTakingItSpendsItOnce() {
        OAuthGrant grant = exchange(tenant.id(), T0);
        run(() -> flows.insertGrant(grant));

        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, grant.key())).contains(grant);
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, grant.key())).as("still there").contains(grant);
        assertThat(takeGrant(tenant.id(), Kind.EXCHANGE, grant.key())).contains(grant);
        assertThat(takeGrant(tenant.id(), Kind.EXCHANGE, grant.key())).as("the second take").isEmpty();
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, grant.key())).isEmpty();
    }

    @Test
    void takesAnExpiredGrantToo() {
        OAuthGrant expired = exchange(tenant.id(), T0.minus(Duration.ofDays(1)));
        run(() -> flows.insertGrant(expired));

        assertThat(takeGrant(tenant.id(), Kind.EXCHANGE, expired.key())).as("the caller checks expiry").contains(expired);
    }

    @Test
    void aGrantIsFoundAndTakenOnlyUnderItsTenantAndKind() {
        OAuthGrant grant = exchange(tenant.id(), T0);
        OAuthGrant sameKeyElsewhere = withKey(exchange(otherTenant.id(), T0.plusSeconds(1)), grant.key());
        run(() -> {
            flows.insertGrant(grant);
            flows.insertGrant(sameKeyElsewhere);
        });

        assertThat(flows.findGrant(tenant.id(), Kind.COMPAT, grant.key())).isEmpty();
        assertThat(takeGrant(tenant.id(), Kind.COMPAT, grant.key())).as("another kind").isEmpty();
        assertThat(takeGrant(otherTenant.id(), Kind.EXCHANGE, grant.key())).contains(sameKeyElsewhere);
        assertThat(flows.findGrant(otherTenant.id(), Kind.EXCHANGE, grant.key())).isEmpty();
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, grant.key())).as("untouched").contains(grant);
    }

    @Test
    void refusesASecondGrantWithTheSameTenantKindAndKey() {
        OAuthGrant first = exchange(tenant.id(), T0);
        run(() -> flows.insertGrant(first));

        assertThatThrownBy(() -> run(() -> flows.insertGrant(withKey(exchange(tenant.id(), T0.plusSeconds(5)),
                first.key())))).isInstanceOf(RuntimeException.class);
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, first.key())).contains(first);
    }

    @Test
    void ofConcurrentTakesOfOneFlowExactlyOneGetsIt() throws InterruptedException {
        OAuthFlow flow = signIn(tenant.id(), T0);
        run(() -> flows.insertFlow(flow));

        List<Optional<OAuthFlow>> taken = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> flows.takeFlow(flow.stateHash())));

        assertThat(taken).filteredOn(Optional::isPresent).containsExactly(Optional.of(flow));
    }

    @Test
    void ofConcurrentTakesOfOneGrantExactlyOneGetsIt() throws InterruptedException {
        OAuthGrant grant = exchange(tenant.id(), T0);
        run(() -> flows.insertGrant(grant));

        List<Optional<OAuthGrant>> taken = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> flows.takeGrant(tenant.id(), Kind.EXCHANGE, grant.key())));

        assertThat(taken).filteredOn(Optional::isPresent).containsExactly(Optional.of(grant));
    }

    @Test
    void deletesFlowsAndGrantsThatExpiredBeforeNowInEveryTenantAndKeepsTheRest() {
        Instant now = T0.plus(Duration.ofDays(1));
        inTransaction(() -> flows.deleteExpired(now)); // what earlier tests left behind
        OAuthFlow expiredFlow = signIn(tenant.id(), now.minus(OAuthFlow.LIFETIME).minus(MICROSECOND));
        OAuthFlow othersExpiredFlow = signIn(otherTenant.id(), now.minus(OAuthFlow.LIFETIME).minusSeconds(60));
        OAuthFlow flowExpiringNow = signIn(tenant.id(), now.minus(OAuthFlow.LIFETIME));
        OAuthFlow liveFlow = signIn(tenant.id(), now);
        OAuthGrant expiredGrant = exchange(otherTenant.id(), now.minus(OAuthGrant.EXCHANGE_LIFETIME).minus(MICROSECOND));
        OAuthGrant grantExpiringNow = exchange(tenant.id(), now.minus(OAuthGrant.EXCHANGE_LIFETIME));
        OAuthGrant liveGrant = exchange(tenant.id(), now.minusSeconds(1));
        run(() -> {
            List.of(expiredFlow, othersExpiredFlow, flowExpiringNow, liveFlow).forEach(flows::insertFlow);
            List.of(expiredGrant, grantExpiringNow, liveGrant).forEach(flows::insertGrant);
        });

        assertThat(inTransaction(() -> flows.deleteExpired(now))).isEqualTo(3);

        assertThat(take(expiredFlow.stateHash())).isEmpty();
        assertThat(take(othersExpiredFlow.stateHash())).isEmpty();
        assertThat(flows.findGrant(otherTenant.id(), Kind.EXCHANGE, expiredGrant.key())).isEmpty();
        assertThat(take(flowExpiringNow.stateHash())).as("expires at now, not before").contains(flowExpiringNow);
        assertThat(take(liveFlow.stateHash())).contains(liveFlow);
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, grantExpiringNow.key())).contains(grantExpiringNow);
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, liveGrant.key())).contains(liveGrant);
    }

    @Test
    void aUnitOfWorkThatFailsLeavesNoFlowNorGrantAndTakesNothing() {
        OAuthFlow kept = signIn(tenant.id(), T0);
        OAuthGrant keptGrant = exchange(tenant.id(), T0);
        run(() -> {
            flows.insertFlow(kept);
            flows.insertGrant(keptGrant);
        });
        OAuthFlow added = signIn(tenant.id(), T0);
        OAuthGrant addedGrant = exchange(tenant.id(), T0);

        assertThatThrownBy(() -> run(() -> {
            flows.insertFlow(added);
            flows.insertGrant(addedGrant);
            flows.takeFlow(kept.stateHash());
            flows.takeGrant(tenant.id(), Kind.EXCHANGE, keptGrant.key());
            throw new IllegalStateException("the use case failed after writing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(take(added.stateHash())).isEmpty();
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, addedGrant.key())).isEmpty();
        assertThat(take(kept.stateHash())).contains(kept);
        assertThat(flows.findGrant(tenant.id(), Kind.EXCHANGE, keptGrant.key())).contains(keptGrant);
    }

    /** A native sign-in flow with every optional field set, started at {@code now}. */
    private static OAuthFlow signIn(TenantId tenant, Instant now) {
        return new OAuthFlow(tokenHash(), tenant, "corporate-sso", Purpose.SIGN_IN,
                "nonce-" + UUID.randomUUID(), "verifier-" + UUID.randomUUID(), tokenHash(),
                "https://app.example.com/callback?x=1", "app state with spaces & ünïcode",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", null, null, "203.0.113.7", now,
                now.plus(OAuthFlow.LIFETIME));
    }

    /** A native one-time code's grant with every field set, issued at {@code now}. */
    private static OAuthGrant exchange(TenantId tenant, Instant now) {
        return new OAuthGrant(tokenHash(), tenant, new UserId(UUID.randomUUID()), Kind.EXCHANGE, "google",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "203.0.113.7",
                new ProviderProfile("https://accounts.google.com", "1234567890", "Ada@Example.com", true,
                        "Ada Lovelace", "Ada", "Lovelace", "https://lh3.googleusercontent.com/a/photo.jpg?sz=96"),
                now, now.plus(OAuthGrant.EXCHANGE_LIFETIME));
    }

    private static OAuthGrant withKey(OAuthGrant g, String key) {
        return new OAuthGrant(key, g.tenantId(), g.userId(), g.kind(), g.providerName(), g.appCodeChallenge(), g.source(), g.profile(),
                g.createdAt(), g.expiresAt());
    }

    private Optional<OAuthFlow> take(String stateHash) {
        return inTransaction(() -> flows.takeFlow(stateHash));
    }

    private Optional<OAuthGrant> takeGrant(TenantId tenant, Kind kind, String key) {
        return inTransaction(() -> flows.takeGrant(tenant, kind, key));
    }

    private void run(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }
}
