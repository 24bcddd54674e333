package dev.gatehouse.adapters.crypto.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.util.regex.Pattern;

/** What the OpenID Connect and GitHub sides share: argument checks, claim rules and safe failure messages. */
final class Protocols {
    /** An OAuth error code as RFC 6749 spells them; anything else is not echoed. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final int MAX_REASON = 120;

    private Protocols() {
    }

    static CodeVerifier verifier(String codeVerifier) {
        try {
            return new CodeVerifier(codeVerifier);
        } catch (RuntimeException e) {
            throw new ProviderFailure("the PKCE verifier is not 43 to 128 unreserved characters");
        }
    }

    static AuthorizationCode code(String code) {
        if (code == null || code.isBlank()) {
            throw new ProviderFailure("the provider sent no code");
        }
        return new AuthorizationCode(code);
    }

    /** Whether a claim says yes: JSON {@code true}, or the string {@code "true"} some providers send. */
    static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    static ProviderProfile profile(String issuer, String subject, String email, boolean emailVerified, String name,
                                   String givenName, String familyName, String picture) {
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw new ProviderFailure("the provider named no usable subject (1 to 255 characters)");
        }
        return new ProviderProfile(issuer, subject, email, email != null && emailVerified, name, givenName, familyName,
                picture);
    }

    /** The provider answered with an OAuth error: its code when it is one, else the HTTP status. */
    static ProviderFailure refused(String who, ErrorObject error, int status) {
        String code = error == null ? null : error.getCode();
        return new ProviderFailure(who + " refused: " + (code != null && ERROR_CODE.matcher(code).matches() ? code
                : "HTTP " + status));
    }

    /**
     * A library's reason without the values it quotes: the text before the first colon ("Expired JWT", "Unexpected
     * JWT audience", "Unexpected JWT nonce (nonce) claim"), so no token, claim value or key material reaches a message.
     */
    static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = message.indexOf(':');
        String head = (colon >= 0 ? message.substring(0, colon) : message).strip();
        return head.length() > MAX_REASON ? head.substring(0, MAX_REASON) : head;
    }
}
