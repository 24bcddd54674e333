package dev.gatehouse.application.oauth;

import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol;
import dev.gatehouse.application.oauth.port.out.OAuthProviderRepository;
import dev.gatehouse.domain.Required;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The outbound ports of provider sign-in, and the server's public URL ({@code GATEHOUSE_PUBLIC_URL}; in dev mode
 * {@code http://127.0.0.1:<port>} by default, known once the server listens, hence a supplier): the callback every
 * provider redirects to is {@code {publicUrl}/v1/auth/oauth/callback}. Without one (prod mode unset) no provider can
 * be configured or used.
 */
public record OAuthKit(OAuthProviderRepository providers, IdentityRepository identities, OAuthFlowRepository flows,
                       OAuthProtocol protocol, Supplier<Optional<URI>> publicUrl) {
    public static final String CALLBACK_PATH = "/v1/auth/oauth/callback";

    public OAuthKit {
        Required.nonNull("providers", providers, "identities", identities, "flows", flows, "protocol", protocol,
                "public URL", publicUrl);
    }

    /** The callback URL to register with every provider, if the public URL is known. */
    public Optional<URI> callback() {
        return publicUrl.get().map(base -> URI.create(stripSlash(base.toString()) + CALLBACK_PATH));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
