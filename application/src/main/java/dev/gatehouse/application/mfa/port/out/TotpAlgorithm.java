package dev.gatehouse.application.mfa.port.out;

import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import java.time.Instant;
import java.util.Optional;

/**
 * RFC 6238 TOTP with Gatehouse's parameters: HMAC-SHA-1, {@value TotpStep#SECONDS}-second steps,
 * {@value TotpCode#DIGITS} digits, and a window of one step either side of now for clock drift.
 */
public interface TotpAlgorithm {
    /** How many steps before and after the current one a code may be from. */
    int WINDOW_STEPS = 1;

    /** A fresh secret of {@value TotpSecret#BYTES} bytes from a cryptographically secure source. */
    TotpSecret newSecret();

    /** The code of {@code step} for {@code secret}. */
    TotpCode codeAt(TotpSecret secret, TotpStep step);

    /**
     * The step, within {@value #WINDOW_STEPS} of the one {@code now} falls in, whose code is {@code code}; empty
     * when none. Every step of the window is compared (in constant time), whichever matches; when more than one
     * matches, the latest. Whether that step may still be used is the factor's to say
     * ({@link dev.gatehouse.domain.mfa.TotpFactor#acceptsStep},
     * {@link dev.gatehouse.application.port.out.MfaRepository#recordUsedStep}).
     */
    Optional<TotpStep> verify(TotpSecret secret, TotpCode code, Instant now);
}
