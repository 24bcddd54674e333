package dev.gatehouse.adapters.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.Unauthenticated.Reason;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies tokens of the external issuers a tenant trusts. The token's {@code iss} (read before the signature
 * is checked, only to pick the issuer) selects one configured issuer; everything after that uses only that
 * issuer's settings:
 * <ul>
 *   <li>only a signed JWT (no {@code alg: none}, no encrypted token), with an algorithm in the issuer's
 *       allow-list: an HS256 issuer never accepts an RSA or EC signature and a JWKS issuer never accepts an
 *       HMAC one, which rules out HS/RS key confusion;</li>
 *   <li>the signature, with the issuer's HS256 secret or a key from its JWKS matching the header's {@code kid}
 *       and algorithm (the JWKS is fetched through {@link GuardedResourceRetriever} and cached for
 *       {@link #JWKS_TTL}; an unknown {@code kid} triggers at most one refetch per {@link #JWKS_REFETCH_INTERVAL});</li>
 *   <li>{@code exp} (required), {@code nbf} (if present), both with {@link #CLOCK_SKEW} of leeway, and
 *       {@code aud} containing the issuer's audience when one is configured;</li>
 *   <li>the issuer's user claim, a string.</li>
 * </ul>
 */
public final class JwtExternalTokenVerifier implements ExternalTokenVerifier {
    static final Duration JWKS_TTL = Duration.ofMinutes(5);
    static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(5);
    static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final int MAX_TOKEN_LENGTH = 8192;

    private final Clock clock;
    private final JwkSources jwksSources;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    /** @param allowPrivateNetworks whether a JWKS may be fetched from loopback and private addresses (dev mode) */
    public JwtExternalTokenVerifier(Clock clock, boolean allowPrivateNetworks) {
        this.clock = clock;
        this.jwksSources = new JwkSources(new GuardedResourceRetriever(allowPrivateNetworks), JWKS_TTL,
                JWKS_REFRESH_TIMEOUT, JWKS_REFETCH_INTERVAL);
    }

    @Override
    public Optional<VerifiedExternalToken> verify(List<ExternalIssuer> trusted, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || trusted.isEmpty()) {
            return Optional.empty();
        }
        JWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = JWTParser.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty(); // not a JWT at all: not an external token
        }
        if (claims == null) {
            return Optional.empty(); // an encrypted JWT: its claims cannot be read, and none is trusted
        }
        String iss = claims.getIssuer();
        Optional<ExternalIssuer> match = trusted.stream().filter(issuer -> issuer.issuer().equals(iss)).findFirst();
        if (match.isEmpty()) {
            return Optional.empty();
        }
        ExternalIssuer issuer = match.get();
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid(); // alg none (a PlainJWT) or an encrypted token
        }
        if (!CompactJws.isCanonical(token)) {
            throw invalid(); // one spelling per token: no padding, no stray bits (docs/tokens.md)
        }
        JWSHeader header = signed.getHeader();
        if (!issuer.algorithms().contains(header.getAlgorithm().getName()) || header.getCriticalParams() != null) {
            throw invalid();
        }
        if (!signatureValid(issuer, signed, header)) {
            throw invalid();
        }
        checkClaims(issuer, claims);
        Object value = claims.getClaim(issuer.userClaim());
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid();
        }
        Object emailVerified = claims.getClaim("email_verified");
        return Optional.of(new VerifiedExternalToken(issuer, text,
                Boolean.TRUE.equals(emailVerified) || "true".equals(emailVerified)));
    }

    private boolean signatureValid(ExternalIssuer issuer, SignedJWT jwt, JWSHeader header) {
        try {
            if (issuer.usesSecret()) {
                JWSVerifier verifier = new MACVerifier(issuer.hs256Secret().getBytes(StandardCharsets.UTF_8));
                return jwt.verify(verifier);
            }
            Set<JWSAlgorithm> allowed = issuer.algorithms().stream().map(JWSAlgorithm::parse)
                    .collect(Collectors.toUnmodifiableSet());
            List<? extends Key> keys = new JWSVerificationKeySelector<>(allowed, jwksSource(issuer.jwksUrl()))
                    .selectJWSKeys(header, null);
            for (Key key : keys) {
                if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
                    return true;
                }
            }
            return false;
        } catch (KeySourceException e) {
            return false; // the JWKS could not be fetched or read: no key, no acceptance
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private void checkClaims(ExternalIssuer issuer, JWTClaimsSet claims) {
        Instant now = clock.now();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw invalid();
        }
        if (!now.isBefore(expires.toInstant().plus(CLOCK_SKEW))) {
            throw new Unauthenticated(Reason.EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw invalid();
        }
        if (issuer.audience() != null) {
            List<String> audiences = claims.getAudience();
            if (audiences == null || !audiences.contains(issuer.audience())) {
                throw invalid();
            }
        }
    }

    private JWKSource<SecurityContext> jwksSource(String url) {
        try {
            return jwksSources.of(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static Unauthenticated invalid() {
        return new Unauthenticated(Reason.INVALID);
    }
}
