package dev.gatehouse.application.fakes;

import dev.gatehouse.application.mfa.port.out.QrCodeRenderer;
import dev.gatehouse.application.mfa.port.out.TotpAlgorithm;
import dev.gatehouse.application.port.out.SecretSealer;
import dev.gatehouse.domain.mfa.TotpCode;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-ins for the second factor's outbound ports in use-case tests: RFC 6238 over the JDK's HMAC-SHA-1 (the
 * adapter uses java-otp and is held to the RFC's vectors in its own tests), a QR renderer that wraps the text in
 * an SVG comment, and a sealer that only tags its input with the context (so a wrong context does not open).
 */
public final class FakeTotp implements TotpAlgorithm {
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
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step.value()).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return new TotpCode(String.format("%06d", binary % 1_000_000));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<TotpStep> verify(TotpSecret secret, TotpCode code, Instant now) {
        TotpStep current = TotpStep.at(now);
        for (TotpStep step : new TotpStep[] {current.previous(), current, current.next()}) {
            if (codeAt(secret, step).matches(code)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** Renders nothing real: the text in a comment, enough to see that the URI reached the renderer. */
    public static final QrCodeRenderer QR = text -> "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- " + text + " --></svg>";

    /** Tags the plaintext with its context; opening with another context fails, as the real sealer's does. */
    public static final SecretSealer SEALER = new SecretSealer() {
        @Override
        public String seal(String plaintext, String context) {
            return context + "|" + plaintext;
        }

        @Override
        public String open(String sealed, String context) {
            if (!sealed.startsWith(context + "|")) {
                throw new IllegalArgumentException("sealed for another context");
            }
            return sealed.substring(context.length() + 1);
        }
    };
}
