package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.adapters.crypto.MasterKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant settings and external issuers on the real server: two processes on one PostgreSQL database. A settings
 * PATCH on one process is effective on the other within 2 seconds; tokens of a trusted external issuer (HS256
 * secret, or RS256 keys from a JWKS served here by a JDK HttpServer) are accepted on GET /v1/me and mapped to the
 * user; a wrong issuer, wrong key, alg none, an expired token and HS/RS key confusion are refused. An issuer that
 * finds users by email needs an audience and tokens that say email_verified: true; one stored without an audience
 * (before that rule) matches no token and is marked invalid until fixed.
 */
@Isolated("measures time or load, or stops a server: runs alone")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIssuersIT {
    private static final String DEV_ROOT = "safe-to-use-in-dev-root-token";
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String SECRET = "external-issuer-shared-secret-" + UUID.randomUUID();
    private static final String HS_ISSUER = "https://hs.idp.example.com";
    private static final String RS_ISSUER = "https://rs.idp.example.com";

    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    private ServerProcess a;
    private ServerProcess b;
    private NativeClient onA;
    private NativeClient onB;
    private HttpServer jwks;
    private RSAKey rsa;
    private Map<String, String> env;

    @BeforeAll
    void start() throws Exception {
        env = new HashMap<>(Database.POSTGRESQL.serverEnvironment());
        env.put("GATEHOUSE_MASTER_KEY", MasterKey.generateBase64());
        a = ServerProcess.start(dirA, env);
        b = ServerProcess.start(dirB, env);
        onA = new NativeClient(a);
        onB = new NativeClient(b);
        rsa = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        byte[] body = new JWKSet(rsa.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    void stop() {
        if (jwks != null) {
            jwks.stop(0);
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private void trustIssuers() {
        String body = """
                {"externalIssuers": [
                  {"issuer": "%s", "hs256Secret": "%s", "audience": "gatehouse-it", "userClaim": "email"},
                  {"issuer": "%s", "jwksUrl": "%s", "algorithms": ["RS256"], "userClaim": "sub", "userLookup": "userId"}
                ]}""".formatted(HS_ISSUER, SECRET, RS_ISSUER, jwksUrl());
        JsonNode stored = json(onA.patch("/v1/admin/settings", bearer(PK, DEV_ROOT), body), 200);
        assertThat(stored.toString()).doesNotContain(SECRET);
    }

    /** The raw settings documents of every tenant, as the database holds them. */
    private String storedSettings() throws java.sql.SQLException {
        StringBuilder all = new StringBuilder();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(env.get("GATEHOUSE_DATABASE_URL"),
                env.get("GATEHOUSE_DATABASE_USER"), null);
             java.sql.ResultSet rows = connection.createStatement().executeQuery("select settings from tenant")) {
            while (rows.next()) {
                all.append(rows.getString(1)).append('\n');
            }
        }
        return all.toString();
    }

    private JsonNode signUp(String email) {
        return json(onA.post("/v1/auth/signup", NativeClient.tenant(PK),
                "{\"email\":\"" + email + "\",\"password\":\"pw-" + UUID.randomUUID() + "\"}"), 201);
    }

    private static JWTClaimsSet.Builder claims(String issuer, String email) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).claim("email", email).claim("email_verified", true)
                .audience("gatehouse-it")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String hs256(JWTClaimsSet claims, byte[] key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> me(NativeClient client, String token) {
        return client.get("/v1/me", bearer(PK, token));
    }

    @Test
    void aSettingsChangeOnOneProcessIsEffectiveOnTheOtherWithinTwoSeconds() throws Exception {
        String email = "propagation-" + UUID.randomUUID() + "@example.com";
        signUp(email);
        String marker = "https://propagation-" + UUID.randomUUID() + ".example.com";
        json(onA.patch("/v1/admin/settings", bearer(PK, DEV_ROOT), "{\"externalIssuers\": null}"), 200);
        String token = hs256(claims(marker, email).build(), SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(me(onB, token).statusCode()).as("not trusted yet").isEqualTo(401);
        Thread.sleep(1200); // let B's cached tenant (1 s) hold the state before the change

        json(onA.patch("/v1/admin/settings", bearer(PK, DEV_ROOT), """
                {"externalIssuers": [{"issuer": "%s", "hs256Secret": "%s", "audience": "gatehouse-it"}]}"""
                .formatted(marker, SECRET)), 200);
        long changedAt = System.nanoTime();

        assertThat(me(onA, token).statusCode()).as("at once on the process that made the change").isEqualTo(200);
        assertThat(onB.answersWithin("/v1/me", bearer(PK, token), 200, Duration.ofSeconds(2)))
                .as("effective on the other process within 2 s").isTrue();
        assertThat((System.nanoTime() - changedAt) / 1_000_000).isLessThan(2_000);
        JsonNode settingsOnB = json(onB.get("/v1/admin/settings", bearer(PK, DEV_ROOT)), 200);
        assertThat(settingsOnB.get("externalIssuers").get(0).get("issuer").asText()).isEqualTo(marker);
        assertThat(settingsOnB.toString()).doesNotContain(SECRET);
    }

    @Test
    void anHs256TokenOfTheTrustedIssuerIsMappedToTheUserByEmail() throws Exception {
        trustIssuers();
        assertThat(storedSettings()).as("the secret is stored sealed with the master key")
                .contains("hs256SecretSealed").doesNotContain(SECRET);
        String email = "hs-" + UUID.randomUUID() + "@example.com";
        JsonNode user = signUp(email).get("user");
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);

        String valid = hs256(claims(HS_ISSUER, email.toUpperCase()).build(), secret);
        assertThat(onB.answersWithin("/v1/me", bearer(PK, valid), 200, Duration.ofSeconds(3))).isTrue();
        JsonNode me = json(me(onB, valid), 200);
        assertThat(me.get("id").asText()).isEqualTo(user.get("id").asText());
        assertThat(me.get("email").asText()).isEqualTo(email);

        assertThat(me(onB, hs256(claims("https://evil.example.com", email).build(), secret)).statusCode())
                .as("wrong issuer").isEqualTo(401);
        assertThat(me(onB, hs256(claims(HS_ISSUER, email).build(),
                ("wrong-key-" + SECRET).getBytes(StandardCharsets.UTF_8))).statusCode()).as("wrong key").isEqualTo(401);
        String payload = Base64URL.encode(claims(HS_ISSUER, email).build().toString()).toString();
        assertThat(me(onB, Base64URL.encode("{\"alg\":\"none\"}") + "." + payload + ".").statusCode())
                .as("alg none").isEqualTo(401);
        assertThat(me(onB, hs256(claims(HS_ISSUER, email).expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build(), secret)).statusCode()).as("expired").isEqualTo(401);
        assertThat(me(onB, hs256(claims(HS_ISSUER, email).audience("another-app").build(), secret)).statusCode())
                .as("wrong audience").isEqualTo(401);
        assertThat(me(onB, hs256(claims(HS_ISSUER, "nobody-" + UUID.randomUUID() + "@example.com").build(), secret))
                .statusCode()).as("no such user").isEqualTo(401);
        assertThat(me(onB, rs256(claims(HS_ISSUER, email).build(), rsa)).statusCode())
                .as("RS256 for an HS256-only issuer").isEqualTo(401);
    }

    @Test
    void anRs256TokenVerifiedWithTheIssuersJwksIsMappedByUserIdAndKeyConfusionIsRefused() throws Exception {
        trustIssuers();
        String email = "rs-" + UUID.randomUUID() + "@example.com";
        JsonNode signedUp = signUp(email);
        String userId = signedUp.get("user").get("id").asText();
        JWTClaimsSet good = claims(RS_ISSUER, email).subject(userId).build();

        String valid = rs256(good, rsa);
        assertThat(onB.answersWithin("/v1/me", bearer(PK, valid), 200, Duration.ofSeconds(3)))
                .as("B picks up the settings (tenant cache) and fetches the JWKS").isTrue();
        JsonNode me = json(me(onB, valid), 200);
        assertThat(me.get("id").asText()).isEqualTo(userId);

        // HS256 "signed" with the issuer's public RSA key: the classic key-confusion forgery.
        assertThat(me(onB, hs256(good, rsa.toPublicJWK().toRSAPublicKey().getEncoded())).statusCode())
                .as("HS/RS key confusion").isEqualTo(401);
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
        assertThat(me(onB, rs256(good, impostor)).statusCode()).as("wrong key under the right kid").isEqualTo(401);
        assertThat(me(onB, rs256(claims(RS_ISSUER, email).subject(UUID.randomUUID().toString()).build(), rsa))
                .statusCode()).as("unknown user id").isEqualTo(401);

        String own = signedUp.get("accessToken").asText();
        assertThat(json(me(onB, own), 200).get("id").asText()).as("Gatehouse's own token works as before")
                .isEqualTo(userId);
    }

    @Test
    void anIssuerFindingUsersByEmailNeedsAnAudienceAndVerifiedAddressesAndAStoredOneWithoutAnAudienceStopsMatching()
            throws Exception {
        String staleIssuer = "https://stale-" + UUID.randomUUID() + ".example.com";
        HttpResponse<String> refused = onA.patch("/v1/admin/settings", bearer(PK, DEV_ROOT), """
                {"externalIssuers": [{"issuer": "%s", "jwksUrl": "%s", "userLookup": "email"}]}"""
                .formatted(staleIssuer, jwksUrl()));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused, 400).get("field").asText()).isEqualTo("externalIssuers[0].audience");

        trustIssuers();
        String email = "verified-" + UUID.randomUUID() + "@example.com";
        signUp(email);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String verified = hs256(claims(HS_ISSUER, email).build(), secret);
        assertThat(onB.answersWithin("/v1/me", bearer(PK, verified), 200, Duration.ofSeconds(3))).isTrue();
        assertThat(me(onB, hs256(claims(HS_ISSUER, email).claim("email_verified", false).build(), secret))
                .statusCode()).as("email_verified false").isEqualTo(401);
        assertThat(me(onB, hs256(claims(HS_ISSUER, email).claim("email_verified", null).build(), secret))
                .statusCode()).as("no email_verified").isEqualTo(401);

        // An issuer stored before the rule (written straight into the database): it matches no token.
        storeIssuersDirectly("""
                [{"issuer": "%s", "jwksUrl": "%s", "algorithms": ["RS256"], "userClaim": "email", "userLookup": "email"}]"""
                .formatted(staleIssuer, jwksUrl()));
        String staleToken = rs256(claims(staleIssuer, email).build(), rsa);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        JsonNode marked = json(onB.get("/v1/admin/settings", bearer(PK, DEV_ROOT)), 200).get("externalIssuers").get(0);
        while (!marked.get("issuer").asText().equals(staleIssuer) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            marked = json(onB.get("/v1/admin/settings", bearer(PK, DEV_ROOT)), 200).get("externalIssuers").get(0);
        }
        assertThat(marked.get("issuer").asText()).isEqualTo(staleIssuer);
        assertThat(marked.get("invalid").asText()).contains("audience");
        HttpResponse<String> stale = me(onB, staleToken);
        assertThat(stale.statusCode()).as("refused like any unknown token").isEqualTo(401);
        assertThat(json(stale, 401).get("type").asText())
                .isEqualTo(json(me(onB, "unknown-" + UUID.randomUUID()), 401).get("type").asText());
        assertThat(me(onA, staleToken).statusCode()).isEqualTo(401);

        // Fixed through the API (the read form sent back, with an audience): the marker goes, the token works.
        String fixed = marked.toString().replace("\"audience\":null", "\"audience\":\"gatehouse-it\"");
        json(onA.patch("/v1/admin/settings", bearer(PK, DEV_ROOT), "{\"externalIssuers\": [" + fixed + "]}"), 200);
        assertThat(onB.answersWithin("/v1/me", bearer(PK, staleToken), 200, Duration.ofSeconds(3))).isTrue();
        assertThat(json(onB.get("/v1/admin/settings", bearer(PK, DEV_ROOT)), 200).get("externalIssuers").get(0)
                .has("invalid")).isFalse();
    }

    /** Replaces the dev tenant's external issuers in its stored settings document, bypassing every check. */
    private void storeIssuersDirectly(String issuers) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(env.get("GATEHOUSE_DATABASE_URL"),
                env.get("GATEHOUSE_DATABASE_USER"), null)) {
            String select = "select t.id, t.settings from tenant t join publishable_key k on k.tenant_id = t.id where k.key = ?";
            UUID id;
            com.fasterxml.jackson.databind.node.ObjectNode settings;
            try (java.sql.PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setString(1, PK);
                try (java.sql.ResultSet row = statement.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    id = row.getObject(1, UUID.class);
                    settings = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(row.getString(2));
                }
            }
            settings.set("externalIssuers", mapper.readTree(issuers));
            try (java.sql.PreparedStatement update = connection.prepareStatement("update tenant set settings = ? where id = ?")) {
                update.setString(1, settings.toString());
                update.setObject(2, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
