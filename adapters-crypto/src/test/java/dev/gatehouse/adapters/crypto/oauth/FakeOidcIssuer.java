package dev.gatehouse.adapters.crypto.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A minimal OpenID provider on loopback whose ID token and user info a test writes claim by claim (what
 * mock-oauth2-server does not let a test choose: {@code azp}, an ID token without address, user info of another
 * subject). The token endpoint answers any code.
 */
final class FakeOidcIssuer implements AutoCloseable {
    static final String ACCESS_TOKEN = "fake-access-token";

    private final HttpServer server;
    private final RSAKey key;
    final String issuer;
    volatile Map<String, Object> idTokenClaims = Map.of();
    /** When set, ID tokens are signed with this key (under the published key's id) instead of the published one. */
    volatile RSAKey forger;
    volatile String userInfo = "{}";

    FakeOidcIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, 200, """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","userinfo_endpoint":"%1$s/userinfo","response_types_supported":["code"],
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
                 "token_endpoint_auth_methods_supported":["client_secret_post"]}""".formatted(issuer)));
        server.createContext("/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!form.contains("client_secret=") || exchange.getRequestHeaders().containsKey("Authorization")) {
                json(exchange, 401, "{\"error\":\"invalid_client\"}"); // the document allows client_secret_post only
                return;
            }
            json(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"id_token\":\""
                    + idToken() + "\"}");
        });
        server.createContext("/userinfo", exchange -> {
            boolean bearer = ("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            json(exchange, bearer ? 200 : 401, bearer ? userInfo : "{\"error\":\"invalid_token\"}");
        });
        server.start();
    }

    private String idToken() {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("sub-1")
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000));
        idTokenClaims.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(forger != null ? forger : key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> claims(String nonce, List<String> audience, Object... more) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("nonce", nonce, "aud", audience));
        for (int i = 0; i < more.length; i += 2) {
            claims.put((String) more[i], more[i + 1]);
        }
        return claims;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
