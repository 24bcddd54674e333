package dev.gatehouse.application.apikeys.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.application.port.out.TenantRepository.PublishableKey;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.apikey.SecretKey;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's API keys (needs the {@code keys:admin} scope): publishable keys ({@code pk_...}, safe in a
 * browser, they only select the tenant) and secret keys ({@code sk_...}, server-side, root authority
 * limited to their scopes). A secret key is shown once, when created.
 */
public interface ApiKeysUseCase {

    CreatedSecretKey createSecretKey(RootAuthority authority, String name, Set<Scope> scopes);

    String createPublishableKey(RootAuthority authority);

    Listing list(RootAuthority authority);

    /** @throws dev.gatehouse.domain.error.ApiKeyNotFound when the tenant has no such live key */
    void revokeSecretKey(RootAuthority authority, UUID id);

    /** The tenant's first publishable key cannot be revoked while it is the only live one. */
    void revokePublishableKey(RootAuthority authority, String publishableKey);

    /** Authenticates a secret key presented on its own (it names its tenant). */
    RootAuthority authenticateSecretKey(String secretKey);

    record CreatedSecretKey(SecretKey key, String secret) {
        @Override
        public String toString() {
            return "CreatedSecretKey[" + key.id() + "]";
        }
    }

    record Listing(List<PublishableKey> publishableKeys, List<SecretKey> secretKeys) {
    }
}
