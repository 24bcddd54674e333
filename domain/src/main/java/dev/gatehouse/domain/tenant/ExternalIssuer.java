package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An external JWT issuer a tenant trusts: tokens whose {@code iss} equals {@link #issuer} are verified
 * with either a shared HS256 secret or the keys published at {@link #jwksUrl} (never both), accepted only
 * with one of {@link #algorithms}, optionally only for {@link #audience}, and mapped to a Gatehouse user of
 * the tenant through the claim {@link #userClaim}, read as {@link #userLookup} says.
 *
 * <p>With {@link UserLookup#EMAIL} an issuer must name an {@link #audience} (else a token the issuer minted for any
 * other application of its users would sign them in here), and a token counts only when it also says
 * {@code email_verified: true}. The constructor still accepts an issuer without one, because issuers stored
 * before the rule must load: {@link #invalidReason()} says why such an issuer matches no token, and a settings
 * change that sets one is refused.
 *
 * <p>The secret is key material: {@link #toString()} never shows it, and adapters show it only as present.
 */
public record ExternalIssuer(String issuer, String hs256Secret, String jwksUrl, Set<String> algorithms,
                             String audience, String userClaim, UserLookup userLookup) {
    public static final int MIN_SECRET_BYTES = 32;
    public static final int MAX_SECRET_BYTES = 512;
    public static final int MAX_TEXT_LENGTH = 500;
    public static final Set<String> HMAC_ALGORITHMS = Set.of("HS256");
    public static final Set<String> JWKS_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384");

    /** How the value of {@link #userClaim} finds the user. */
    public enum UserLookup {
        /** The claim holds an email address, compared normalised (trimmed, lower-cased) within the tenant. */
        EMAIL,
        /** The claim holds a Gatehouse user id (UUID) of the tenant. */
        USER_ID;

        public String wireName() {
            return this == EMAIL ? "email" : "userId";
        }

        public static UserLookup fromWireName(String name) {
            return WireNames.find(values(), UserLookup::wireName, name).orElseThrow(() ->
                    new InvalidInput("externalIssuers.userLookup", "must be 'email' or 'userId'"));
        }
    }

    public ExternalIssuer {
        issuer = requireText(issuer, "externalIssuers.issuer");
        audience = audience == null || audience.isBlank() ? null : requireText(audience, "externalIssuers.audience");
        userClaim = userClaim == null || userClaim.isBlank() ? "email" : requireText(userClaim, "externalIssuers.userClaim");
        userLookup = userLookup == null ? UserLookup.EMAIL : userLookup;
        boolean hasSecret = hs256Secret != null && !hs256Secret.isEmpty();
        boolean hasJwks = jwksUrl != null && !jwksUrl.isBlank();
        if (hasSecret == hasJwks) {
            throw new InvalidInput("externalIssuers", "each issuer needs exactly one of hs256Secret or jwksUrl");
        }
        if (hasSecret) {
            int bytes = hs256Secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
                throw new InvalidInput("externalIssuers.hs256Secret", "must be " + MIN_SECRET_BYTES + " to "
                        + MAX_SECRET_BYTES + " bytes");
            }
            jwksUrl = null;
        } else {
            jwksUrl = requireJwksUrl(jwksUrl.strip());
            hs256Secret = null;
        }
        Set<String> permitted = hasSecret ? HMAC_ALGORITHMS : JWKS_ALGORITHMS;
        TreeSet<String> chosen = new TreeSet<>();
        if (algorithms == null || algorithms.isEmpty()) {
            chosen.add(hasSecret ? "HS256" : "RS256");
        } else {
            for (String algorithm : algorithms) {
                String name = algorithm == null ? "" : algorithm.strip().toUpperCase(Locale.ROOT);
                if (!permitted.contains(name)) {
                    throw new InvalidInput("externalIssuers.algorithms", (hasSecret
                            ? "an issuer with hs256Secret allows only HS256"
                            : "an issuer with jwksUrl allows only " + String.join(", ", new TreeSet<>(JWKS_ALGORITHMS))));
                }
                chosen.add(name);
            }
        }
        algorithms = java.util.Collections.unmodifiableSet(chosen);
    }

    /** Why this issuer matches no token until it is fixed (it breaks a rule made after it was stored), or empty. */
    public java.util.Optional<String> invalidReason() {
        if (userLookup == UserLookup.EMAIL && audience == null) {
            return java.util.Optional.of("userLookup 'email' needs an audience: without one, a token the issuer made"
                    + " for any other application would sign its users in here");
        }
        return java.util.Optional.empty();
    }

    public boolean usesSecret() {
        return hs256Secret != null;
    }

    /** The same issuer with another secret (used to keep a stored secret a caller did not repeat). */
    public ExternalIssuer withHs256Secret(String secret) {
        return new ExternalIssuer(issuer, secret, null, algorithms, audience, userClaim, userLookup);
    }

    /** True when the JWKS URL is plain http (allowed only in dev mode or for loopback addresses). */
    public boolean jwksUrlIsInsecure() {
        return jwksUrl != null && jwksUrl.regionMatches(true, 0, "http:", 0, 5);
    }

    @Override
    public String toString() {
        return "ExternalIssuer[issuer=" + issuer + ", hs256Secret=" + (usesSecret() ? "***" : "null") + ", jwksUrl="
                + jwksUrl + ", algorithms=" + algorithms + ", audience=" + audience + ", userClaim=" + userClaim
                + ", userLookup=" + userLookup + "]";
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_TEXT_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, "must be at most " + MAX_TEXT_LENGTH + " characters without control characters");
        }
        return trimmed;
    }

    private static String requireJwksUrl(String url) {
        String field = "externalIssuers.jwksUrl";
        if (url.length() > 2000) {
            throw new InvalidInput(field, "must be at most 2000 characters");
        }
        if (!HttpUrls.isPlainHttp(url)) {
            throw new InvalidInput(field, "must be an absolute https URL without user info or fragment");
        }
        return url;
    }
}
