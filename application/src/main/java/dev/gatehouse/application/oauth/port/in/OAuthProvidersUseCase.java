package dev.gatehouse.application.oauth.port.in;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.oauth.OAuthProvider;
import java.util.List;

/**
 * A tenant's sign-in providers (admin CRUD, grouped as ADR 0022 allows): the root token or a secret key holding
 * {@code settings:admin}. Every change is audited; the client secret is never returned.
 */
public interface OAuthProvidersUseCase {

    /**
     * Creates or replaces the provider {@code name}. A replacement that leaves {@code clientSecret} out keeps the
     * stored secret. The provider is checked before it is stored ({@link #put} of an OpenID Connect provider reads
     * its discovery document).
     *
     * @throws dev.gatehouse.domain.error.InvalidInput naming the field, for bad settings, an unreachable or
     *                                                inconsistent issuer, a plain-http issuer outside dev mode,
     *                                                or (outside dev mode) while no public URL is configured
     */
    OAuthProvider put(PutCommand command);

    List<OAuthProvider> list(RootAuthority authority);

    /** @throws dev.gatehouse.domain.error.ResourceNotFound when there is none */
    OAuthProvider get(RootAuthority authority, String name);

    /** @throws dev.gatehouse.domain.error.ResourceNotFound when there is none */
    void delete(RootAuthority authority, String name);

    /** {@code type} as on the wire; {@code clientSecret}, {@code issuer}, {@code scopes} and the flag may be null. */
    record PutCommand(RootAuthority authority, String name, String type, String clientId, String clientSecret,
                      String issuer, List<String> scopes, Boolean linkByVerifiedEmail) {
        @Override
        public String toString() {
            return "PutCommand[name=" + name + ", type=" + type + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "null" : "***") + ", issuer=" + issuer + "]";
        }
    }
}
