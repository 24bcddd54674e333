package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.out.QrCodeRenderer;
import dev.gatehouse.application.mfa.port.out.TotpAlgorithm;
import dev.gatehouse.application.port.out.MfaChallengeRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SecretSealer;
import dev.gatehouse.domain.Required;

/** The outbound ports of the second-factor feature: its stores, the TOTP algorithm, the QR renderer, the sealer. */
public record MfaKit(MfaRepository factors, MfaChallengeRepository challenges, TotpAlgorithm totp,
                     QrCodeRenderer qrCodes, SecretSealer sealer) {
    public MfaKit {
        Required.nonNull("factors", factors, "challenges", challenges, "totp", totp, "qr codes", qrCodes,
                "sealer", sealer);
    }
}
