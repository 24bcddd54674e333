package dev.gatehouse.domain.oauth;

import java.util.Objects;

/**
 * What a provider asserted about the person who signed in, once its answer was validated: who they are there
 * ({@code issuer}, {@code subject}), their address and whether the provider vouches for it, and display details.
 * {@code email}, {@code name}, {@code givenName}, {@code familyName} and {@code pictureUrl} may be null.
 */
public record ProviderProfile(String issuer, String subject, String email, boolean emailVerified, String name,
                              String givenName, String familyName, String pictureUrl) {
    public ProviderProfile {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.length() > 255) {
            throw new IllegalArgumentException("a provider subject is 1 to 255 characters");
        }
    }

    /** Whether the provider vouches for an address. */
    public boolean hasVerifiedEmail() {
        return email != null && emailVerified;
    }
}
