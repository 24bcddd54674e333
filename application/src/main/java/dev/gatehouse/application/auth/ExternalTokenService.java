package dev.gatehouse.application.auth;

import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.tenant.ExternalIssuer;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * External tokens: the verifier checks the token against the tenant's trusted issuers, then the issuer's
 * user claim picks the user of this tenant (by normalised email or by user id). A user who may not sign in
 * (disabled) is refused like an unknown one, and both look like a bad token to the caller. An issuer that breaks a
 * rule ({@link ExternalIssuer#invalidReason()}: looked up by email without an audience) is not trusted at all, so
 * its tokens are refused like any unknown token; a token looked up by email must say {@code email_verified: true}.
 */
record ExternalTokenService(ExternalTokenVerifier verifier, UserRepository users) implements ExternalTokenUseCase {
    @Override
    public boolean trustsExternalIssuers(Tenant tenant) {
        return !usable(tenant).isEmpty();
    }

    private static List<ExternalIssuer> usable(Tenant tenant) {
        return tenant.settings().externalIssuers().stream().filter(issuer -> issuer.invalidReason().isEmpty()).toList();
    }

    @Override
    public Optional<User> currentUser(Tenant tenant, String bearerToken) {
        List<ExternalIssuer> trusted = usable(tenant);
        if (bearerToken == null || bearerToken.isBlank() || trusted.isEmpty()) {
            return Optional.empty();
        }
        Optional<ExternalTokenVerifier.VerifiedExternalToken> found = verifier.verify(trusted, bearerToken);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ExternalTokenVerifier.VerifiedExternalToken verified = found.get();
        if (verified.issuer().userLookup() == ExternalIssuer.UserLookup.EMAIL && !verified.emailVerified()) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID); // the issuer does not vouch for the address
        }
        String value = verified.userClaimValue();
        Optional<User> user;
        try {
            user = switch (verified.issuer().userLookup()) {
                case EMAIL -> users.findByEmail(tenant.id(), new EmailAddress(value));
                case USER_ID -> users.findById(tenant.id(), new UserId(UUID.fromString(value)));
            };
        } catch (InvalidInput | IllegalArgumentException | NullPointerException e) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
        return Optional.of(user.filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID)));
    }
}
