package dev.gatehouse.domain.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The key URI that authenticator apps read from a QR code ({@code otpauth://totp/...}): the label
 * {@code issuer:account}, the base32 secret, and the parameters Gatehouse uses (SHA1, {@value TotpCode#DIGITS}
 * digits, {@value TotpStep#SECONDS} seconds). It carries the secret in clear: {@code toString} hides it.
 */
public record OtpauthUri(String value) {
    public OtpauthUri {
        Objects.requireNonNull(value, "otpauth URI");
        if (!value.startsWith("otpauth://totp/")) {
            throw new IllegalArgumentException("not an otpauth TOTP URI");
        }
    }

    /** The URI for {@code secret}, labelled with the issuer (e.g. the tenant's name) and the user's account name. */
    public static OtpauthUri of(TotpSecret secret, String issuer, String accountName) {
        if (issuer.isBlank() || issuer.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the issuer must be non-blank and without ':'");
        }
        return new OtpauthUri("otpauth://totp/" + encode(issuer) + ":" + encode(accountName)
                + "?secret=" + secret.base32() + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + TotpCode.DIGITS + "&period=" + TotpStep.SECONDS);
    }

    /** Percent-encoding as URIs want it (a space is %20, not +). */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "OtpauthUri[hidden]";
    }
}
