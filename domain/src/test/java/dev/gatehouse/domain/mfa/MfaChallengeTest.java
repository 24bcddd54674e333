package dev.gatehouse.domain.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.mfa.MfaChallenge.Purpose;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MfaChallengeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());
    private static final UserId USER = new UserId(UUID.randomUUID());
    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void isIssuedWithNoFailuresForFiveMinutes() {
        MfaChallenge challenge = MfaChallenge.issue(HASH, TENANT, USER, Purpose.VERIFY, NOW);

        assertThat(challenge).isEqualTo(new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW,
                NOW.plus(Duration.ofMinutes(5)), 0));
        assertThat(MfaChallenge.LIFETIME).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void isLiveUntilTheInstantItExpires() {
        MfaChallenge challenge = MfaChallenge.issue(HASH, TENANT, USER, Purpose.ENROL, NOW);

        assertThat(challenge.isLiveAt(NOW)).isTrue();
        assertThat(challenge.isLiveAt(challenge.expiresAt().minusNanos(1))).isTrue();
        assertThat(challenge.isLiveAt(challenge.expiresAt())).isFalse();
    }

    @Test
    void isDeadAfterFiveWrongCodes() {
        MfaChallenge fourWrong = new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, NOW.plusSeconds(60), 4);
        MfaChallenge fiveWrong = new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, NOW.plusSeconds(60), 5);

        assertThat(fourWrong.isLiveAt(NOW)).isTrue();
        assertThat(fiveWrong.isLiveAt(NOW)).isFalse();
        assertThat(MfaChallenge.MAX_FAILURES).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", "an-mfa-token"})
    void refusesAnythingButALowerCaseHexSha256AsTheHash(String hash) {
        assertThatThrownBy(() -> MfaChallenge.issue(hash, TENANT, USER, Purpose.VERIFY, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMissingPartsAndNegativeFailures() {
        assertThatThrownBy(() -> MfaChallenge.issue(null, TENANT, USER, Purpose.VERIFY, NOW))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaChallenge.issue(HASH, null, USER, Purpose.VERIFY, NOW))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaChallenge.issue(HASH, TENANT, null, Purpose.VERIFY, NOW))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaChallenge.issue(HASH, TENANT, USER, null, NOW))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, null, NOW, 0))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, null, 0))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, NOW, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheTokenHash() {
        MfaChallenge challenge = MfaChallenge.issue(HASH, TENANT, USER, Purpose.VERIFY, NOW);

        assertThat(challenge.toString()).doesNotContain(HASH).doesNotContain("0123456789abcdef")
                .contains(USER.toString()).contains("VERIFY");
    }
}
