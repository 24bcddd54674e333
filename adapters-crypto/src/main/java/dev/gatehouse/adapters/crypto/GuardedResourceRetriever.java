package dev.gatehouse.adapters.crypto;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches an external issuer's JWKS for {@link JwtExternalTokenVerifier}: GET only, no redirects, bounded
 * connect and total time, at most {@link #MAX_BYTES} read. Unless private networks are allowed (dev mode), a
 * host that resolves to a loopback, link-local (cloud metadata), site-local, unique-local, carrier-grade NAT,
 * multicast or wildcard address is refused before any connection is made, so a tenant cannot point the server
 * at its own internal network. (The check resolves the name itself; a DNS answer that changes between the check
 * and the connection is not caught.)
 */
final class GuardedResourceRetriever implements ResourceRetriever {
    static final int MAX_BYTES = 256 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final boolean allowPrivateNetworks;
    private final HttpClient client;

    GuardedResourceRetriever(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("unusable JWKS URL", e);
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IOException("JWKS URLs are http(s) only");
        }
        if (!allowPrivateNetworks) {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    throw new IOException("the JWKS host resolves to a private or local address");
                }
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the JWKS", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the JWKS URL answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("the JWKS is larger than " + MAX_BYTES + " bytes");
            }
            return new Resource(new String(bytes, StandardCharsets.UTF_8),
                    response.headers().firstValue("Content-Type").orElse(null));
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10 carrier-grade NAT
                || (b[0] & 0xff) == 0; // 0.0.0.0/8
    }
}
