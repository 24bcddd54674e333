package dev.gatehouse.adapters.crypto;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.gatehouse.adapters.crypto.outbound.HostResolver;
import dev.gatehouse.adapters.crypto.outbound.OutboundAddressPolicy;
import dev.gatehouse.adapters.crypto.outbound.PinnedHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches an external issuer's JWKS for {@link JwtExternalTokenVerifier} through {@link PinnedHttpClient}: GET
 * only, no redirects, bounded connect and total time, at most {@link #MAX_BYTES} read. Unless private networks are
 * allowed (dev mode), every address the host resolves to must pass {@link OutboundAddressPolicy} (no loopback,
 * link-local or cloud metadata, private, shared, documentation, benchmarking, NAT64, multicast or reserved
 * address), and the connection goes to the address that was checked, so a DNS answer that changes between the
 * check and the connection (rebinding) cannot reach the internal network either. Public for the sign-in providers'
 * JWKS ({@code adapters.crypto.oauth}).
 */
public final class GuardedResourceRetriever implements ResourceRetriever {
    static final int MAX_BYTES = 256 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final PinnedHttpClient client;

    public GuardedResourceRetriever(boolean allowPrivateNetworks) {
        this(HostResolver.SYSTEM, allowPrivateNetworks ? address -> Optional.empty() : OutboundAddressPolicy::refusal,
                (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    GuardedResourceRetriever(HostResolver resolver, Function<InetAddress, Optional<String>> policy, SSLSocketFactory tls) {
        this.client = new PinnedHttpClient(resolver, policy, tls, CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_BYTES);
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        PinnedHttpClient.Response response;
        try {
            response = client.get(url.toURI(), Map.of("Accept", "application/jwk-set+json, application/json"));
        } catch (URISyntaxException e) {
            throw new IOException("unusable JWKS URL", e);
        }
        if (response.status() != 200) {
            throw new IOException("the JWKS URL answered HTTP " + response.status());
        }
        return new Resource(new String(response.body(), StandardCharsets.UTF_8),
                response.header("Content-Type").orElse(null));
    }
}
