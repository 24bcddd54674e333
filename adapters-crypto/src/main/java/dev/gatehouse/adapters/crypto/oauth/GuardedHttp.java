package dev.gatehouse.adapters.crypto.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPResponse;
import dev.gatehouse.adapters.crypto.outbound.HostResolver;
import dev.gatehouse.adapters.crypto.outbound.OutboundAddressPolicy;
import dev.gatehouse.adapters.crypto.outbound.PinnedHttpClient;
import dev.gatehouse.application.oauth.port.out.OAuthProtocol.ProviderFailure;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * Nimbus's HTTP requests, sent through {@link PinnedHttpClient} so that Nimbus never opens a connection itself: every
 * provider call (discovery, token, user info, GitHub's API) passes the outbound address guard and is pinned to the
 * address checked. Outside dev mode only https URLs are called ({@link #requireUsable}) and
 * {@link OutboundAddressPolicy} applies; in dev mode plain http and loopback or private addresses are allowed.
 */
final class GuardedHttp implements HTTPRequestSender {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    static final int MAX_BYTES = 256 * 1024;
    /** Headers the pinned client writes itself. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "content-type",
            "user-agent", "accept-encoding");

    private final PinnedHttpClient client;
    private final boolean devMode;

    GuardedHttp(boolean allowPrivateNetworks) {
        this(new PinnedHttpClient(HostResolver.SYSTEM,
                allowPrivateNetworks ? address -> Optional.empty() : OutboundAddressPolicy::refusal,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_BYTES),
                allowPrivateNetworks);
    }

    GuardedHttp(PinnedHttpClient client, boolean devMode) {
        this.client = client;
        this.devMode = devMode;
    }

    boolean devMode() {
        return devMode;
    }

    /**
     * {@code uri} if the server may call it (or send a browser to it): absolute http(s) with a host and no user info,
     * and https unless in dev mode.
     *
     * @throws ProviderFailure naming {@code what} otherwise
     */
    URI requireUsable(String what, URI uri) {
        if (uri == null) {
            throw new ProviderFailure("the provider names no " + what);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new ProviderFailure("the " + what + " must be an absolute https URL without user info");
        }
        if (scheme.equals("http") && !devMode) {
            throw new ProviderFailure("the " + what + " must be an https URL (plain http is allowed in dev mode only)");
        }
        return uri;
    }

    /** Sends {@code request}; the failure names {@code what} and the guard's or the network's reason, no secret. */
    HTTPResponse send(String what, HTTPRequest request) {
        requireUsable(what, request.getURI());
        try {
            return request.send(this);
        } catch (IOException e) {
            throw new ProviderFailure("the " + what + " could not be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public ReadOnlyHTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
        URI uri = request.getURI();
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = null;
        for (Map.Entry<String, List<String>> header : request.getHeaderMap().entrySet()) {
            if (header.getValue() == null || header.getValue().isEmpty()) {
                continue;
            }
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = String.join(", ", header.getValue());
            if (name.equals("content-type")) {
                contentType = value;
            } else if (!OWN_HEADERS.contains(name)) {
                headers.put(header.getKey(), value);
            }
        }
        PinnedHttpClient.Response answer = switch (request.getMethod()) {
            case GET -> client.get(uri, headers);
            case POST -> client.post(uri, headers,
                    contentType == null ? "application/x-www-form-urlencoded; charset=UTF-8" : contentType,
                    request.getBody() == null ? new byte[0] : request.getBody().getBytes(StandardCharsets.UTF_8));
            default -> throw new IOException("only GET and POST are sent to providers");
        };
        HTTPResponse response = new HTTPResponse(answer.status());
        for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue().toArray(String[]::new));
        }
        response.setBody(new String(answer.body(), StandardCharsets.UTF_8));
        return response;
    }
}
