package dev.gatehouse.bench.load.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant the scenarios run against, how its rate limits were raised, and the requests made on its
 * behalf (its public key in {@code SB-PUBLIC-KEY}).
 */
public record BenchTenant(String publicKey, String rootToken, String rateLimits, String createdWith) {
    /** Rate limits of the benchmark tenant: high enough never to trip, so the limiter's cost is measured. */
    private static final int RAISED_LIMIT = 1_000_000;
    private static final List<String> RATE_LIMIT_KINDS = List.of("loginPerIp", "loginPerAccount", "signupPerIp",
            "recoveryPerIp", "recoveryPerAccount", "codePerIp", "codePerAccount", "tenantUnauthenticated",
            "failedLoginsPerAccount", "signupNoticesPerAccount", "userAdditionsPerActor", "userAdditionsPerTenant",
            "mfaCodesPerUser");

    /**
     * Creates the benchmark tenant through the operator API and raises every rate limit through its
     * settings (PATCH /v1/admin/settings with the root token), so that the abuse-resistance defaults stay on
     * (their bookkeeping is measured) without tripping. A server without that route is noted in the result.
     */
    static BenchTenant create(ServerProcess server, String operatorToken, String runId) {
        try (HttpConnection connection = new HttpConnection(server.address(), 30_000)) {
            ObjectNode body = Json.object().put("name", "bench-" + runId)
                    .put("ownerEmail", "owner-" + runId + "@bench.example.com")
                    .put("ownerPassword", "bench-owner-password");
            HttpConnection.Response created = connection.exchange(HttpConnection.request("POST", "/v1/tenants",
                    server.hostHeader(), new String[] {"Content-Type: application/json",
                            "Authorization: Bearer " + operatorToken}, Json.body(body)));
            if (created.status() != 201) {
                throw new IllegalStateException("creating the benchmark tenant answered " + created.status() + ": "
                        + created.bodyText());
            }
            JsonNode answer = Json.parse(created.bodyText());
            String publicKey = Json.text(answer, "publicKey");
            String rootToken = Json.text(answer, "rootToken");
            return new BenchTenant(publicKey, rootToken, raiseRateLimits(server, connection, publicKey, rootToken),
                    "POST /v1/tenants (operator API)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tenant of --dataset (made by bench/users.sh generate), its rate limits raised like a fresh one's. */
    static BenchTenant of(Dataset dataset, ServerProcess server) {
        try (HttpConnection connection = new HttpConnection(server.address(), 30_000)) {
            return new BenchTenant(dataset.publicKey(), dataset.rootToken(),
                    raiseRateLimits(server, connection, dataset.publicKey(), dataset.rootToken()),
                    "bench/users.sh generate (the tenant of " + dataset.file() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String raiseRateLimits(ServerProcess server, HttpConnection connection, String publicKey,
                                          String rootToken) throws IOException {
        ObjectNode limits = Json.object();
        ObjectNode kinds = limits.putObject("rateLimits");
        for (String kind : RATE_LIMIT_KINDS) {
            kinds.putObject(kind).put("limit", RAISED_LIMIT).put("windowSeconds", 1);
        }
        HttpConnection.Response patched = connection.exchange(HttpConnection.request("PATCH", "/v1/admin/settings",
                server.hostHeader(), new String[] {"Content-Type: application/json", "SB-PUBLIC-KEY: " + publicKey,
                        "Authorization: Bearer " + rootToken}, Json.body(limits)));
        String rateLimits = switch (patched.status()) {
            case 200 -> "raised through PATCH /v1/admin/settings: every kind " + RAISED_LIMIT + " per second";
            case 404, 405 -> "server defaults: this server has no PATCH /v1/admin/settings (HTTP " + patched.status() + ")";
            default -> throw new IllegalStateException("raising the rate limits answered " + patched.status() + ": "
                    + patched.bodyText());
        };
        if (patched.status() == 200) {
            // Settings reach requests through the tenant cache (1 s TTL): wait it out before measuring.
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return rateLimits;
    }

    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("createdWith", createdWith);
        d.put("rateLimits", rateLimits);
        return d;
    }

    /** POST {@code path} with a JSON body of the e-mail and password (sign-in, sign-up, register, login). */
    public byte[] credentials(String host, String path, String email, String password) {
        return post(host, path, Json.object().put("email", email).put("password", password));
    }

    /** POST {@code path} with a JSON body. */
    public byte[] post(String host, String path, JsonNode body) {
        return HttpConnection.request("POST", path, host,
                new String[] {"Content-Type: application/json", "SB-PUBLIC-KEY: " + publicKey}, Json.body(body));
    }

    /** POST {@code path} with a bearer token and a JSON body, or none when {@code body} is null. */
    public byte[] post(String host, String path, String bearer, JsonNode body) {
        return HttpConnection.request("POST", path, host, new String[] {"Content-Type: application/json",
                "SB-PUBLIC-KEY: " + publicKey, "Authorization: Bearer " + bearer}, body == null ? null : Json.body(body));
    }

    /** GET {@code path} with a bearer token. */
    public byte[] get(String host, String path, String bearer) {
        return HttpConnection.request("GET", path, host,
                new String[] {"SB-PUBLIC-KEY: " + publicKey, "Authorization: Bearer " + bearer}, null);
    }
}
