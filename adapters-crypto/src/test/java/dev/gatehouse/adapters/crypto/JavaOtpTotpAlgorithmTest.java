package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.gatehouse.domain.mfa.SealedTotpSecret;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaOtpTotpAlgorithmTest {
    /** The SHA-1 seed of RFC 6238 appendix B. */
    private static final TotpSecret RFC_SECRET =
            TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:40Z");

    private final JavaOtpTotpAlgorithm totp = new JavaOtpTotpAlgorithm();

    /** RFC 6238 appendix B, SHA-1 rows: the 8-digit values of the RFC, and Gatehouse's 6 digits (their last 6). */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void passesTheSha1TestVectorsOfRfc6238(long seconds, String eightDigits) throws Exception {
        Instant time = Instant.ofEpochSecond(seconds);

        assertThat(totp.codeAt(RFC_SECRET, TotpStep.at(time)).digits()).isEqualTo(eightDigits.substring(2));
        assertThat(totp.verify(RFC_SECRET, new TotpCode(eightDigits.substring(2)), time)).contains(TotpStep.at(time));
        // The library itself, configured as the RFC's table is (8 digits), gives the RFC's values.
        TimeBasedOneTimePasswordGenerator eight = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 8,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        assertThat(eight.generateOneTimePasswordString(new SecretKeySpec(RFC_SECRET.bytes(), "HmacSHA1"), time,
                Locale.ROOT)).isEqualTo(eightDigits);
    }

    @Test
    void acceptsTheCodesOfOneStepEitherSideOfNowAndSaysWhichStepMatched() {
        TotpSecret secret = totp.newSecret();
        TotpStep current = TotpStep.at(NOW);

        for (TotpStep step : new TotpStep[] {current.previous(), current, current.next()}) {
            assertThat(totp.verify(secret, totp.codeAt(secret, step), NOW)).contains(step);
        }
        TotpStep twoBefore = current.previous().previous();
        TotpStep twoAfter = current.next().next();
        assertThat(totp.verify(secret, totp.codeAt(secret, twoBefore), NOW)).as("90 s old").isEmpty();
        assertThat(totp.verify(secret, totp.codeAt(secret, twoAfter), NOW)).as("60 s ahead").isEmpty();
    }

    @Test
    void theWindowMovesWithTheStepBoundaries() {
        TotpSecret secret = totp.newSecret();
        TotpStep step = TotpStep.at(NOW);
        TotpCode code = totp.codeAt(secret, step);

        assertThat(totp.verify(secret, code, step.next().start().plusSeconds(29))).contains(step);
        assertThat(totp.verify(secret, code, step.next().next().start())).isEmpty();
        assertThat(totp.verify(secret, code, step.previous().start())).contains(step);
        assertThat(totp.verify(secret, code, step.previous().start().minusSeconds(1))).isEmpty();
    }

    @Test
    void refusesACodeOfAnotherSecret() {
        TotpSecret secret = totp.newSecret();
        TotpSecret other = totp.newSecret();
        TotpStep step = TotpStep.at(NOW);
        int accepted = 0;
        for (int i = 0; i < 50; i++) {
            TotpStep s = new TotpStep(step.value() + 3 * i);
            if (totp.verify(secret, totp.codeAt(other, s), s.start()).isPresent()) {
                accepted++;
            }
        }
        assertThat(accepted).as("at most a chance match in 50 tries of 3 in a million").isLessThanOrEqualTo(1);
    }

    @Test
    void newSecretsAre160RandomBits() {
        Set<TotpSecret> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            TotpSecret secret = totp.newSecret();
            assertThat(secret.bytes()).hasSize(20);
            assertThat(secret.base32()).hasSize(32);
            seen.add(secret);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void codesAreAsciiDigitsWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(totp.codeAt(RFC_SECRET, TotpStep.at(Instant.ofEpochSecond(59))).digits()).isEqualTo("287082");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aSecretSealedWithTheMasterKeyOpensForItsUserOnlyAndStillGivesTheSameCodes() {
        MasterKeySecretSealer sealer = new MasterKeySecretSealer(MasterKey.fromBase64(MasterKey.generateBase64()));
        TenantId tenant = new TenantId(UUID.randomUUID());
        UserId user = new UserId(UUID.randomUUID());
        TotpSecret secret = totp.newSecret();

        SealedTotpSecret sealed = SealedTotpSecret.seal(secret, tenant, user, sealer::seal);

        assertThat(sealed.value()).doesNotContain(secret.base32());
        TotpSecret opened = sealed.open(tenant, user, sealer::open);
        assertThat(totp.codeAt(opened, TotpStep.at(NOW))).isEqualTo(totp.codeAt(secret, TotpStep.at(NOW)));
        assertThatThrownBy(() -> sealed.open(tenant, new UserId(UUID.randomUUID()), sealer::open))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealed.open(new TenantId(UUID.randomUUID()), user, sealer::open))
                .isInstanceOf(IllegalStateException.class);
    }
}
