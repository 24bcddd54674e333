package dev.gatehouse.application.auth.port.out;

import dev.gatehouse.domain.tenant.ExternalIssuer;
import java.util.List;
import java.util.Optional;

/** Verifies tokens of external JWT issuers (HS256 shared secrets or keys published as a JWKS). */
public interface ExternalTokenVerifier {

    /**
     * Picks the issuer whose {@code iss} equals the token's, then checks the signature with that issuer's key
     * material and algorithm allow-list, the expiry (required), not-before, and the audience when the issuer
     * names one.
     *
     * @return the issuer, the string value of its {@link ExternalIssuer#userClaim()} and whether the token says
     *         {@code email_verified: true} (the JSON boolean, or the string "true"); empty when the token is
     *         not a JWT whose {@code iss} names one of {@code trusted} (it is not an external token of this tenant)
     * @throws dev.gatehouse.domain.error.Unauthenticated when it names a trusted issuer but any check fails
     */
    Optional<VerifiedExternalToken> verify(List<ExternalIssuer> trusted, String token);

    record VerifiedExternalToken(ExternalIssuer issuer, String userClaimValue, boolean emailVerified) {
    }

    /** Knows no external token: for wirings without external issuer support. */
    ExternalTokenVerifier NONE = (trusted, token) -> Optional.empty();
}
