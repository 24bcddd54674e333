package dev.gatehouse.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.support.port.out.LoginSourceStore;
import dev.gatehouse.application.support.port.out.RateLimitStore;
import dev.gatehouse.application.support.port.out.RateLimitStore.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimitStore} and {@link LoginSourceStore} must do; extended once per implementation.
 * Buckets are unique per test, so implementations may share one database between tests.
 */
public abstract class RateLimitStoreContract {
    private static final int RACERS = 16;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant W0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant W1 = W0.plus(MINUTE);

    private RateLimitStore store;
    private LoginSourceStore sources;
    private String bucket;

    protected abstract RateLimitStore rateLimitStore();

    protected abstract LoginSourceStore loginSourceStore();

    @BeforeEach
    void setUp() {
        store = rateLimitStore();
        sources = loginSourceStore();
        bucket = "b-" + UUID.randomUUID();
    }

    @Test
    void countsEachHitInItsWindowAndReportsThePreviousWindow() {
        assertThat(store.hit(bucket, W0, MINUTE)).isEqualTo(new WindowCounts(1, 0));
        assertThat(store.hit(bucket, W0, MINUTE)).isEqualTo(new WindowCounts(2, 0));
        assertThat(store.hit(bucket, W0, MINUTE)).isEqualTo(new WindowCounts(3, 0));

        assertThat(store.hit(bucket, W1, MINUTE)).isEqualTo(new WindowCounts(1, 3));
        assertThat(store.hit(bucket, W1.plus(MINUTE), MINUTE)).isEqualTo(new WindowCounts(1, 1));
    }

    @Test
    void bucketsAreIndependent() {
        store.hit(bucket, W0, MINUTE);
        store.hit(bucket, W0, MINUTE);

        assertThat(store.hit(bucket + "-other", W0, MINUTE)).isEqualTo(new WindowCounts(1, 0));
    }

    @Test
    void concurrentHitsAreAllCounted() throws InterruptedException {
        int perRacer = 10;
        List<Long> seen = Race.run(RACERS, i -> () -> {
            long last = 0;
            for (int n = 0; n < perRacer; n++) {
                last = store.hit(bucket, W0, MINUTE).current();
            }
            return last;
        });

        assertThat(store.hit(bucket, W0, MINUTE).current()).isEqualTo(RACERS * perRacer + 1L);
        assertThat(seen).allMatch(count -> count >= perRacer && count <= RACERS * perRacer);
    }

    @Test
    void eachConcurrentHitSeesTheCountItsOwnIncrementMade() throws InterruptedException {
        store.hit(bucket, W0, MINUTE);

        List<Long> seen = Race.run(RACERS, i -> () -> store.hit(bucket, W0, MINUTE).current());

        assertThat(seen).as("a limit of N lets exactly N through only if no two hits see the same count")
                .doesNotHaveDuplicates().allMatch(count -> count >= 2 && count <= RACERS + 1);
    }

    @Test
    void firstHitsOfANewWindowRacingAreAllCounted() throws InterruptedException {
        Race.run(RACERS, i -> () -> store.hit(bucket, W1, MINUTE));

        assertThat(store.hit(bucket, W1, MINUTE).current()).isEqualTo(RACERS + 1L);
    }

    @Test
    void aWindowTripsExactlyOnceEvenWhenRaced() throws InterruptedException {
        store.hit(bucket, W0, MINUTE);

        List<Boolean> trips = Race.run(RACERS, i -> () -> store.trip(bucket, W0));

        assertThat(trips.stream().filter(Boolean::booleanValue)).hasSize(1);
        assertThat(store.trip(bucket, W0)).isFalse();
        store.hit(bucket, W1, MINUTE);
        assertThat(store.trip(bucket, W1)).as("the next window trips anew").isTrue();
    }

    @Test
    void aResetForgetsEveryWindowOfTheBucketOnly() {
        store.hit(bucket, W0, MINUTE);
        store.hit(bucket, W1, MINUTE);
        store.hit(bucket + "-kept", W1, MINUTE);

        store.reset(bucket);

        assertThat(store.hit(bucket, W1, MINUTE)).isEqualTo(new WindowCounts(1, 0));
        assertThat(store.hit(bucket + "-kept", W1, MINUTE)).isEqualTo(new WindowCounts(2, 0));
    }

    @Test
    void expiredWindowsAreDeletedOnceTwoWindowsHavePassed() {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        store.hit(bucket, longAgo, MINUTE);
        store.hit(bucket, W0, MINUTE);

        assertThat(store.deleteExpired(W0)).isGreaterThanOrEqualTo(1);

        assertThat(store.hit(bucket, longAgo.plus(MINUTE), MINUTE)).as("the old window is gone")
                .isEqualTo(new WindowCounts(1, 0));
        assertThat(store.hit(bucket, W0, MINUTE).current()).as("a live window stays").isEqualTo(2);
    }

    @Test
    void knowsASourceOnlyForItsAccountAndOnlySinceItsLastSuccess() {
        String account = "a-" + UUID.randomUUID();
        sources.remember(account, "ip-1", W0);

        assertThat(sources.knows(account, "ip-1", W0)).isTrue();
        assertThat(sources.knows(account, "ip-1", W0.minus(Duration.ofDays(30)))).isTrue();
        assertThat(sources.knows(account, "ip-1", W1)).as("not seen since").isFalse();
        assertThat(sources.knows(account, "ip-2", W0.minusSeconds(1))).isFalse();
        assertThat(sources.knows(account + "-other", "ip-1", W0.minusSeconds(1))).isFalse();

        sources.remember(account, "ip-1", W1);
        assertThat(sources.knows(account, "ip-1", W1)).as("a later success refreshes it").isTrue();
        sources.remember(account, "ip-1", W0);
        assertThat(sources.knows(account, "ip-1", W1)).as("an older one never moves it back").isTrue();
    }

    @Test
    void rememberingRacedKeepsOneSourceAndOldSourcesAreForgotten() throws InterruptedException {
        String account = "a-" + UUID.randomUUID();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            times.add(W0.plusSeconds(i));
        }
        Race.run(RACERS, i -> () -> {
            sources.remember(account, "ip", times.get(i));
            return null;
        });
        assertThat(sources.knows(account, "ip", W0.plusSeconds(RACERS - 1))).isTrue();

        String stale = "a-" + UUID.randomUUID();
        sources.remember(stale, "ip", Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(sources.forgetOlderThan(W0)).isGreaterThanOrEqualTo(1);
        assertThat(sources.knows(stale, "ip", Instant.EPOCH)).isFalse();
        assertThat(sources.knows(account, "ip", W0)).isTrue();
    }
}
