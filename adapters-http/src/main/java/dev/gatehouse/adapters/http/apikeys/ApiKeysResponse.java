package dev.gatehouse.adapters.http.apikeys;

import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase.Listing;
import dev.gatehouse.application.port.out.TenantRepository.PublishableKey;
import dev.gatehouse.domain.apikey.SecretKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/admin/api-keys}: the tenant's keys, revoked ones included ({@code revokedAt} set).
 * Secret keys appear by id, name and display prefix only: the secret itself is shown once, when created,
 * and not stored.
 */
record ApiKeysResponse(List<PublishableKeyResponse> publishableKeys, List<SecretKeyResponse> secretKeys) {

    static ApiKeysResponse from(Listing listing) {
        return new ApiKeysResponse(listing.publishableKeys().stream().map(PublishableKeyResponse::from).toList(),
                listing.secretKeys().stream().map(SecretKeyResponse::from).toList());
    }

    record PublishableKeyResponse(String key, String created, String revokedAt) {
        static PublishableKeyResponse from(PublishableKey key) {
            return new PublishableKeyResponse(key.key(), key.created().toString(), text(key.revokedAt()));
        }
    }

    record SecretKeyResponse(String id, String name, String prefix, List<String> scopes, String created,
                             String lastUsedAt, String revokedAt) {
        static SecretKeyResponse from(SecretKey key) {
            return new SecretKeyResponse(key.id().toString(), key.name(), key.displayPrefix(),
                    ScopeNames.names(key.scopes()), key.created().toString(), text(key.lastUsedAt()),
                    text(key.revokedAt()));
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
