package dev.gatehouse.adapters.crypto.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's OAuth and user API as a GitHub Enterprise Server at {@link #base} serves them, shaped like the real one: the
 * authorize page redirects at once with a code and the state; the token endpoint answers JSON when asked (an error is
 * 200 with {@code {"error": ...}}) and checks the client secret and the PKCE verifier against the S256 challenge of
 * the authorize request; {@code /api/v3/user} and {@code /api/v3/user/emails} need the access token.
 */
public final class FakeGitHub implements AutoCloseable {
    public static final String CLIENT_ID = "gh-client";
    public static final String CLIENT_SECRET = "gh-secret";
    static final String ACCESS_TOKEN = "gho_fake";

    private final HttpServer server;
    public final String base;
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    public volatile boolean primaryVerified = true;
    volatile boolean verifierChecked;

    public FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/login/oauth/authorize", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String code = "code-" + challenges.size();
            challenges.put(code, query.get("code_challenge") + " " + query.get("code_challenge_method"));
            exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                    + query.get("state"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/login/oauth/access_token", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
                send(exchange, 200, "application/x-www-form-urlencoded", "error=not_asked_for_json");
                return;
            }
            String challenge = challenges.remove(String.valueOf(form.get("code")));
            if (challenge == null || !CLIENT_ID.equals(form.get("client_id"))
                    || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                send(exchange, 200, "application/json", "{\"error\":\"bad_verification_code\",\"error_description\":"
                        + "\"The code passed is incorrect or expired.\"}");
                return;
            }
            if (!challenge.equals(s256(form.get("code_verifier")) + " S256")) {
                send(exchange, 200, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":"
                        + "\"The code_verifier does not match the code_challenge.\"}");
                return;
            }
            verifierChecked = true;
            send(exchange, 200, "application/json", "{\"access_token\":\"" + ACCESS_TOKEN
                    + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
        });
        server.createContext("/api/v3/user", exchange -> {
            if (!authorized(exchange)) {
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/api/v3/user/emails")) {
                send(exchange, 200, "application/json; charset=utf-8", """
                        [{"email":"old@example.com","primary":false,"verified":true,"visibility":null},
                         {"email":"octo@example.com","primary":true,"verified":%s,"visibility":"public"}]"""
                        .formatted(primaryVerified));
            } else {
                send(exchange, 200, "application/json; charset=utf-8", """
                        {"login":"octocat","id":583231,"avatar_url":"https://avatars.example/u/583231",
                         "name":"The Octocat","email":null}""");
            }
        });
        server.start();
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        boolean ok = ("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && "application/vnd.github+json".equals(exchange.getRequestHeaders().getFirst("Accept"))
                && exchange.getRequestHeaders().getFirst("User-Agent") != null; // GitHub refuses requests without one
        if (!ok) {
            send(exchange, 401, "application/json", "{\"message\":\"Requires authentication\"}");
        }
        return ok;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(verifier)
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
