package dev.gatehouse.adapters.crypto;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.gatehouse.application.mfa.port.out.TotpAlgorithm;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link TotpAlgorithm} with java-otp (RFC 6238 over javax.crypto's HMAC-SHA-1). The generator clones its
 * {@code Mac} for each code, so one instance serves every thread. Codes are formatted here, in ASCII digits
 * whatever the default locale.
 */
public final class JavaOtpTotpAlgorithm implements TotpAlgorithm {
    private static final String HMAC = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;

    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(TotpStep.LENGTH, TotpCode.DIGITS, HMAC);
    private final SecureRandom random = new SecureRandom();

    @Override
    public TotpSecret newSecret() {
        byte[] bytes = new byte[TotpSecret.BYTES];
        random.nextBytes(bytes);
        return TotpSecret.of(bytes);
    }

    @Override
    public TotpCode codeAt(TotpSecret secret, TotpStep step) {
        try {
            int code = generator.generateOneTimePassword(new SecretKeySpec(secret.bytes(), HMAC), step.start());
            StringBuilder digits = new StringBuilder(Integer.toString(code));
            while (digits.length() < TotpCode.DIGITS) {
                digits.insert(0, '0');
            }
            return new TotpCode(digits.toString());
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of raw bytes was refused", e);
        }
    }

    @Override
    public Optional<TotpStep> verify(TotpSecret secret, TotpCode code, Instant now) {
        TotpStep current = TotpStep.at(now);
        TotpStep matched = null;
        for (long value = current.value() - WINDOW_STEPS; value <= current.value() + WINDOW_STEPS; value++) {
            if (value < 0) {
                continue;
            }
            TotpStep step = new TotpStep(value);
            // Every step of the window is computed and compared, whether or not an earlier one matched.
            if (codeAt(secret, step).matches(code)) {
                matched = step;
            }
        }
        return Optional.ofNullable(matched);
    }
}
