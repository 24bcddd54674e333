package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.policy.SlidingWindow;
import dev.gatehouse.domain.policy.SlidingWindow.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void windowsAreAlignedToTheEpoch() {
        assertThat(SlidingWindow.windowStart(Instant.parse("2026-01-01T10:00:59.999Z"), MINUTE))
                .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(SlidingWindow.windowStart(Instant.parse("2026-01-01T10:07:00Z"), Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void allowsUpToTheLimitInAFreshWindowAndDeniesTheNext() {
        assertThat(SlidingWindow.decide(5, 5, 0, Duration.ofSeconds(10), MINUTE).allowed()).isTrue();
        Decision sixth = SlidingWindow.decide(5, 6, 0, Duration.ofSeconds(10), MINUTE);
        assertThat(sixth.allowed()).isFalse();
        // the next window starts in 50 s; there, this window's 6 hits weigh 6*(1-s/60) + 1 <= 5 once s >= 20 s
        assertThat(sixth.retryAfter()).isEqualTo(Duration.ofSeconds(70));
    }

    @Test
    void thePreviousWindowWeighsLessAsItSlidesOut() {
        // 10 hits last window, limit 10: at 30 s into this window they weigh 5, so 5 more fit
        assertThat(SlidingWindow.decide(10, 5, 10, Duration.ofSeconds(30), MINUTE).allowed()).isTrue();
        Decision sixth = SlidingWindow.decide(10, 6, 10, Duration.ofSeconds(30), MINUTE);
        assertThat(sixth.allowed()).isFalse();
        // one more fits once 10*(1-t/60) + 6 + 1 <= 10, at t = 42 s: 12 s from now
        assertThat(sixth.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void aLimitOfOneWaitsForTheNextWindowToPassItsHits() {
        Decision second = SlidingWindow.decide(1, 2, 0, Duration.ZERO, MINUTE);
        assertThat(second.allowed()).isFalse();
        assertThat(second.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(new RateLimited(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimited(Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateLimited(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimited(Duration.ofSeconds(-5)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimited(Duration.ofSeconds(30)).getMessage()).doesNotContain("@");
    }
}
