package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.out.QrCodeRenderer;
import dev.gatehouse.application.mfa.port.out.TotpAlgorithm;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SecretSealer;
import java.util.Objects;

/** The outbound ports of the second-factor feature: its stores, the TOTP algorithm, the QR renderer, the sealer. */
public record MfaKit(MfaRepository factors, MfaChallengeRepository challenges, TotpAlgorithm totp,
                     QrCodeRenderer qrCodes, SecretSealer sealer) {
    public MfaKit {
        Objects.requireNonNull(factors, "factors");
        Objects.requireNonNull(challenges, "challenges");
        Objects.requireNonNull(totp, "totp");
        Objects.requireNonNull(qrCodes, "qr codes");
        Objects.requireNonNull(sealer, "sealer");
    }
}
