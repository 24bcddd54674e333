package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.BearerToken;

import dev.gatehouse.domain.tenant.IpRange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the HTTP adapter.
 *
 * @param devMode      logs every request (method, path, status, time, request id); never changes what
 *                     a response reveals
 * @param maxBodyBytes the largest request body read; a larger one is refused with 413
 * @param clock        the time {@code expiresIn} is counted from: pass the application's clock so that
 *                     both agree (tests move a fake clock)
 * @param shutdownGrace how long in-flight requests may take to finish once the server is stopped
 * @param operatorToken the secret that opens the operator API ({@code /v1/tenants}, as
 *                      {@code Authorization: Bearer}); empty (the default) leaves that API out entirely, so its
 *                      paths answer 404 like any unknown path. At least {@value #MIN_OPERATOR_TOKEN_LENGTH}
 *                      characters, no whitespace. Never printed by {@link #toString()}.
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed, for every tenant (a tenant may add its
 *                       own in its settings); empty (the default): the socket's peer is the client
 * @param apiDocs      whether {@code /openapi.json}, {@code /openapi.yaml} and {@code /docs} are served, and the
 *                     public URL they name
 */
public record HttpConfig(boolean devMode, int maxBodyBytes, InstantSource clock, Duration shutdownGrace,
                         Optional<String> operatorToken, List<IpRange> trustedProxies, ApiDocs apiDocs) {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final int MIN_BODY_BYTES = 1024;
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    public static final int MIN_OPERATOR_TOKEN_LENGTH = 16;
    /** Longer ones could never be presented: {@link BearerToken} refuses longer bearer tokens. */
    public static final int MAX_OPERATOR_TOKEN_LENGTH = BearerToken.MAX_TOKEN_LENGTH;

    public HttpConfig {
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be between " + MIN_BODY_BYTES + " and "
                    + MAX_BODY_BYTES + ", not " + maxBodyBytes);
        }
        Objects.requireNonNull(clock, "clock");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
        Objects.requireNonNull(operatorToken, "operatorToken");
        trustedProxies = List.copyOf(trustedProxies);
        operatorToken.ifPresent(HttpConfig::requireUsableOperatorToken);
        Objects.requireNonNull(apiDocs, "apiDocs");
    }

    /**
     * The API reference: the OpenAPI document ({@code GET /openapi.json}, {@code GET /openapi.yaml}) and a
     * browsable reference ({@code GET /docs}).
     *
     * @param served    false: none of those paths is served (404)
     * @param publicUrl the URL clients reach the server at ({@code https://auth.example.org}), written into the
     *                  served document's {@code servers}; empty: the scheme and host the request came with
     */
    public record ApiDocs(boolean served, Optional<URI> publicUrl) {
        public ApiDocs {
            Objects.requireNonNull(publicUrl, "publicUrl");
            publicUrl.ifPresent(ApiDocs::requireUsablePublicUrl);
        }

        public static ApiDocs on() {
            return new ApiDocs(true, Optional.empty());
        }

        public static ApiDocs off() {
            return new ApiDocs(false, Optional.empty());
        }

        /** An absolute http(s) URL with a host and nothing after its path: a base for the API's paths. */
        public static void requireUsablePublicUrl(URI url) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.getRawQuery() != null
                    || url.getRawFragment() != null || url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("the public URL must be an absolute http or https URL with a host"
                        + " and no user, query or fragment, such as https://auth.example.org");
            }
        }
    }

    private static void requireUsableOperatorToken(String token) {
        // The message never quotes the token: it may end up in a log.
        if (token.length() < MIN_OPERATOR_TOKEN_LENGTH || token.length() > MAX_OPERATOR_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the operator token must be " + MIN_OPERATOR_TOKEN_LENGTH + " to "
                    + MAX_OPERATOR_TOKEN_LENGTH + " characters long, not " + token.length());
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
            throw new IllegalArgumentException("the operator token must not contain whitespace or control characters");
        }
    }

    /**
     * Production settings: no request log, 64 KiB bodies, the system clock, 10 s shutdown grace, no operator API,
     * the API reference served.
     */
    public static HttpConfig defaults() {
        return new HttpConfig(false, DEFAULT_MAX_BODY_BYTES, InstantSource.system(), Duration.ofSeconds(10),
                Optional.empty(), List.of(), ApiDocs.on());
    }

    public HttpConfig withDevMode(boolean devMode) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, trustedProxies, apiDocs);
    }

    public HttpConfig withMaxBodyBytes(int maxBodyBytes) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, trustedProxies, apiDocs);
    }

    public HttpConfig withClock(InstantSource clock) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, trustedProxies, apiDocs);
    }

    public HttpConfig withShutdownGrace(Duration shutdownGrace) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, trustedProxies, apiDocs);
    }

    /** Opens the operator API with this token; empty closes it. */
    public HttpConfig withOperatorToken(Optional<String> operatorToken) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, trustedProxies, apiDocs);
    }

    /** Believes {@code X-Forwarded-For} from these peers, for every tenant. */
    public HttpConfig withTrustedProxies(List<IpRange> proxies) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, proxies, apiDocs);
    }

    /** Serves the API reference or not, naming this public URL. */
    public HttpConfig withApiDocs(ApiDocs apiDocs) {
        return new HttpConfig(devMode, maxBodyBytes, clock, shutdownGrace, operatorToken, trustedProxies, apiDocs);
    }

    /** Opens the operator API with this token. */
    public HttpConfig withOperatorToken(String operatorToken) {
        return withOperatorToken(Optional.of(operatorToken));
    }

    /** Says whether an operator token is set, never the token. */
    @Override
    public String toString() {
        return "HttpConfig[devMode=" + devMode + ", maxBodyBytes=" + maxBodyBytes + ", clock=" + clock
                + ", shutdownGrace=" + shutdownGrace + ", operatorToken=" + (operatorToken.isPresent() ? "(set)" : "(none)")
                + ", trustedProxies=" + trustedProxies + ", apiDocs=" + apiDocs + "]";
    }
}
