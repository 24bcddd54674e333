package dev.gatehouse.domain.mfa;

import dev.gatehouse.domain.user.SecurityStamp;
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
        MfaChallenge challenge = MfaChallenge.issue(HASH, TENANT, USER, Purpose.VERIFY, NOW, SecurityStamp.INITIAL);

        assertThat(challenge).isEqualTo(new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW,
                NOW.plus(Duration.ofMinutes(5)), 0, SecurityStamp.INITIAL));
        assertThat(MfaChallenge.LIFETIME).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void isLiveUntilTheInstantItExpires() {
        MfaChallenge challenge = MfaChallenge.issue(HASH, TENANT, USER, Purpose.ENROL, NOW, SecurityStamp.INITIAL);

        assertThat(challenge.isLiveAt(NOW)).isTrue();
        assertThat(challenge.isLiveAt(challenge.expiresAt().minusNanos(1))).isTrue();
        assertThat(challenge.isLiveAt(challenge.expiresAt())).isFalse();
    }

    @Test
    void isDeadAfterFiveWrongCodes() {
        MfaChallenge fourWrong = new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, NOW.plusSeconds(60), 4, SecurityStamp.INITIAL);
        MfaChallenge fiveWrong = new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, NOW.plusSeconds(60), 5, SecurityStamp.INITIAL);

        assertThat(fourWrong.isLiveAt(NOW)).isTrue();
        assertThat(fiveWrong.isLiveAt(NOW)).isFalse();
        assertThat(MfaChallenge.MAX_FAILURES).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", "an-mfa-token"})
    void refusesAnythingButALowerCaseHexSha256AsTheHash(String hash) {
        assertThatThrownBy(() -> MfaChallenge.issue(hash, TENANT, USER, Purpose.VERIFY, NOW, SecurityStamp.INITIAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMissingPartsAndNegativeFailures() {
        assertThatThrownBy(() -> MfaChallenge.issue(null, TENANT, USER, Purpose.VERIFY, NOW, SecurityStamp.INITIAL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaChallenge.issue(HASH, null, USER, Purpose.VERIFY, NOW, SecurityStamp.INITIAL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaChallenge.issue(HASH, TENANT, null, Purpose.VERIFY, NOW, SecurityStamp.INITIAL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MfaChallenge.issue(HASH, TENANT, USER, null, NOW, SecurityStamp.INITIAL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, null, NOW, 0, SecurityStamp.INITIAL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, null, 0, SecurityStamp.INITIAL))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MfaChallenge(HASH, TENANT, USER, Purpose.VERIFY, NOW, NOW, -1, SecurityStamp.INITIAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheTokenHash() {
        MfaChallenge challenge = MfaChallenge.issue(HASH, TENANT, USER, Purpose.VERIFY, NOW, SecurityStamp.INITIAL);

        assertThat(challenge.toString()).doesNotContain(HASH).doesNotContain("0123456789abcdef")
                .contains(USER.toString()).contains("VERIFY");
    }
}
