package dev.gatehouse.application.fakes;

import dev.gatehouse.application.oauth.port.out.OAuthProtocol;
import dev.gatehouse.domain.oauth.OAuthProvider;
import dev.gatehouse.domain.oauth.ProviderProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider for use-case tests: the authorize URL carries what a real one would (so a test reads back the state
 * the server chose); {@link #complete} answers the profile a test registered for a provider code, after checking
 * that the server sent back the verifier and nonce it started the flow with, as a real provider and ID token would.
 */
public final class FakeOAuthProtocol implements OAuthProtocol {
    public static final String AUTHORIZE = "https://provider.example/authorize";

    private final Map<String, ProviderProfile> profiles = new ConcurrentHashMap<>();
    private final Map<String, String> issuedNonces = new ConcurrentHashMap<>();
    private final Map<String, String> issuedVerifiers = new ConcurrentHashMap<>();
    public final List<String> checked = new ArrayList<>();
    public volatile String failCheck;
    /** When set, the provider's discovery cannot be read: {@link #authorizeUrl} fails with this. */
    public volatile String failAuthorize;

    /** The provider will answer {@code profile} for {@code code}, once the flow with {@code state} comes back. */
    public void willAnswer(String code, ProviderProfile profile) {
        profiles.put(code, profile);
    }

    @Override
    public void check(OAuthProvider provider) {
        if (failCheck != null) {
            throw new ProviderFailure(failCheck);
        }
        checked.add(provider.name());
    }

    @Override
    public URI authorizeUrl(OAuthProvider provider, URI callback, String state, String nonce, String codeVerifier) {
        if (failAuthorize != null) {
            throw new ProviderFailure(failAuthorize);
        }
        issuedNonces.put(state, nonce);
        issuedVerifiers.put(state, codeVerifier);
        return URI.create(AUTHORIZE + "?client_id=" + enc(provider.clientId()) + "&redirect_uri=" + enc(callback.toString())
                + "&state=" + enc(state));
    }

    @Override
    public ProviderProfile complete(OAuthProvider provider, URI callback, String code, String codeVerifier, String nonce) {
        if (!issuedNonces.containsValue(nonce) || !issuedVerifiers.containsValue(codeVerifier)) {
            throw new ProviderFailure("the nonce or verifier is not one this provider saw");
        }
        ProviderProfile profile = profiles.remove(code);
        if (profile == null) {
            throw new ProviderFailure("the provider refused the code");
        }
        return profile;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
