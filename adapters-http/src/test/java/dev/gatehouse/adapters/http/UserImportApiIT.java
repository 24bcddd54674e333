package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PK;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.password4j.types.Argon2;
import com.password4j.types.Bcrypt;
import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.adapters.crypto.ForeignHashes;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.User;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/admin/users/import} over a real socket, with the real password hasher (bcrypt cost 4): each
 * accepted hash format imports and signs in with its password through {@code /v1/auth/signin}, which replaces it by
 * bcrypt; bad lines are reported while the rest import; a second run skips everything; only the root token imports;
 * the route's own body limit (413) instead of the server's, streamed bodies, 415 for other media types.
 */
class UserImportApiIT {
    private static final String PASSWORD = "correct horse ✓";
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static RootCalls calls;

    @BeforeAll
    static void start() {
        FakeWorld world = FakeWorld.withPasswordHasher(new BcryptPasswordHasher(4));
        TestServices services = TestServices.from(world.useCases);
        services.importMaxBytes = MAX_BYTES;
        server = TestServer.start(world, services);
        calls = new RootCalls(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyAcceptedFormatImportsAndSignsInOnceRehashedToBcryptWhileBadLinesAreReportedAndASecondRunSkipsAll() {
        Tenant tenant = tenant("formats");
        byte[] salt = HexFormat.of().parseHex("8a1f00c3d4e5f60718293a4b5c6d7e9f");
        ForeignHashes.KeycloakCredential kc256 = ForeignHashes.keycloak("pbkdf2-sha256", PASSWORD, salt, 27_500);
        ForeignHashes.KeycloakCredential kc512 = ForeignHashes.keycloak("pbkdf2-sha512", PASSWORD, salt, 2_000);
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("django256", ForeignHashes.django("sha256", PASSWORD, "Zq3uXc8LmQe1", 2_000));
        hashes.put("django512", ForeignHashes.django("sha512", PASSWORD, "Zq3uXc8LmQe1", 1_000));
        hashes.put("keycloak256", keycloak(kc256));
        hashes.put("keycloak512", keycloak(kc512));
        hashes.put("bcrypt2a", ForeignHashes.bcrypt(Bcrypt.A, 4, PASSWORD));
        hashes.put("bcrypt2b", ForeignHashes.bcrypt(Bcrypt.B, 4, PASSWORD));
        hashes.put("bcrypt2y", ForeignHashes.bcrypt(Bcrypt.Y, 4, PASSWORD));
        hashes.put("argon2id", ForeignHashes.argon2(Argon2.ID, PASSWORD));
        hashes.put("argon2i", ForeignHashes.argon2(Argon2.I, PASSWORD));
        hashes.put("argon2d", ForeignHashes.argon2(Argon2.D, PASSWORD));
        List<String> lines = new ArrayList<>();
        hashes.forEach((name, hash) -> lines.add(line(name + "@import.example", hash)));
        lines.add("{\"email\": \"broken@import.example\", ");                                   // line 11
        lines.add(line("costly@import.example", ForeignHashes.bcrypt(Bcrypt.B, 4, PASSWORD)
                .replace("$2b$04$", "$2b$15$")));                                                // line 12
        lines.add("");                                                                          // line 13, blank
        lines.add(line("pbkdf2@import.example", "pbkdf2_sha256$3000000$salt$"
                + java.util.Base64.getEncoder().encodeToString(new byte[32])));                   // line 14
        lines.add("{\"email\":\"nopassword@import.example\",\"name\":\"Nobody\",\"metadata\":{\"plan\":\"free\"}}");
        String file = String.join("\n", lines) + "\n";

        JsonNode result = json(importFile(tenant.root(), file).body());

        assertThat(result.get("imported").asInt()).isEqualTo(hashes.size() + 1);
        assertThat(result.get("skipped").asInt()).isZero();
        assertThat(result.get("failed").asInt()).isEqualTo(3);
        assertThat(result.get("errors")).extracting(e -> e.get("line").asInt()).containsExactly(11, 12, 14);
        assertThat(result.get("errors").get(0).get("error").asText()).contains("not valid JSON");
        assertThat(result.get("errors").get(1).get("error").asText())
                .isEqualTo("passwordHash: bcrypt cost 15 is outside the accepted 4 to 14");
        assertThat(result.get("errors").get(2).get("error").asText()).contains("PBKDF2 iterations")
                .contains("3000000");

        for (String name : hashes.keySet()) {
            String email = name + "@import.example";
            String before = stored(tenant, email).passwordHash().encoded();
            assertThat(signIn(tenant, email, PASSWORD + "!").statusCode()).as(name + " wrong password").isEqualTo(401);
            assertThat(signIn(tenant, email, PASSWORD).statusCode()).as(name).isEqualTo(200);
            String after = stored(tenant, email).passwordHash().encoded();
            if (name.equals("bcrypt2b")) {
                assertThat(after).as("a $2b$ hash at the current cost is kept").isEqualTo(before);
            } else {
                assertThat(after).as(name + " rehashed at sign-in").startsWith("$2b$04$").isNotEqualTo(before);
            }
            assertThat(signIn(tenant, email, PASSWORD).statusCode()).as(name + " again, with bcrypt").isEqualTo(200);
        }
        assertThat(stored(tenant, "keycloak256@import.example")).isNotNull();
        assertThat(signIn(tenant, "nopassword@import.example", "").statusCode()).isEqualTo(400);
        assertThat(signIn(tenant, "nopassword@import.example", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(stored(tenant, "nopassword@import.example").profile().metadataJson()).isEqualTo("{\"plan\":\"free\"}");

        JsonNode again = json(importFile(tenant.root(), file).body());
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("skipped").asInt()).isEqualTo(hashes.size() + 1);
        assertThat(again.get("failed").asInt()).isEqualTo(3);
        assertThat(stored(tenant, "bcrypt2a@import.example").passwordHash().encoded()).startsWith("$2b$04$");
        assertThat(server.world.audit.events(AuditEventType.USERS_IMPORTED).stream()
                .filter(e -> e.tenant().equals(tenant.id())).toList()).hasSize(2)
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("$2a$04$").doesNotContain("pbkdf2_"));
    }

    @Test
    void onlyTheRootTokenImportsAndOtherMediaTypesAndBodiesOverTheLimitAreRefused() {
        Tenant tenant = tenant("refusals");
        String file = line("someone@refused.example", null) + "\n";
        Credential writer = secretKey(calls.secret(tenant.root(), "users:read", "users:write"));
        Credential reader = secretKey(calls.secret(tenant.root(), "users:read"));

        assertThat(problem(importFile(writer, file), 403, "not-permitted").get("detail").asText()).contains("root token");
        problem(importFile(reader, file), 403, "not-permitted");
        problem(importFile(RootCalls.none().with(PK, tenant.publicKey()), file), 401, "unauthenticated");
        problem(server.send(withHeaders(server.request("/v1/admin/users/import")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@y.example\"}")), tenant.root())),
                415, "unsupported-media-type");
        assertThat(stored(tenant, "someone@refused.example")).isNull();

        // a declared length over the limit: refused before a byte of the body is read
        String declared = server.raw("POST /v1/admin/users/import HTTP/1.1\r\nHost: x\r\nSB-PUBLIC-KEY: "
                + tenant.publicKey() + "\r\nAuthorization: " + tenant.root().headers().get(3)
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + (MAX_BYTES + 1) + "\r\n\r\n");
        assertThat(declared).startsWith("HTTP/1.1 413 ").contains("body-too-large")
                .contains("at most " + MAX_BYTES + " bytes");

        // a streamed body that reaches the limit: the lines read before it were imported
        HttpResponse<String> over = importStreamed(tenant.root(), MAX_BYTES / 1000 + 50, i -> i < 3
                ? line("early" + i + "@refused.example", null) : " ".repeat(998));
        problem(over, 413, "body-too-large");
        assertThat(stored(tenant, "early0@refused.example")).isNotNull();
    }

    @Test
    void aStreamedImportOfTwentyThousandLinesGoesPastTheServersBodyLimit() {
        Tenant tenant = tenant("streamed");
        int count = 20_000;

        HttpResponse<String> response = importStreamed(tenant.root(), count,
                i -> "{\"email\":\"bulk" + i + "@streamed.example\",\"emailVerified\":true}");

        JsonNode result = json(response.body());
        assertThat(result.get("imported").asInt()).as(response.body()).isEqualTo(count);
        assertThat(result.get("failed").asInt()).isZero();
        assertThat(stored(tenant, "bulk19999@streamed.example").emailVerified()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private record Tenant(TenantId id, String publicKey, Credential root) {
    }

    private static Tenant tenant(String name) {
        ProvisionTenantUseCase.Provisioned provisioned = calls.provision("owner@" + name + ".example");
        return new Tenant(provisioned.tenant().id(), provisioned.tenant().publicKey(),
                rootToken(provisioned.tenant().publicKey(), provisioned.rootToken()));
    }

    private static String line(String email, Object hash) {
        ObjectNode node = JSON.createObjectNode().put("email", email);
        if (hash instanceof String text) {
            node.put("passwordHash", text);
        } else if (hash instanceof ObjectNode object) {
            node.set("passwordHash", object);
        }
        return node.toString();
    }

    /** Keycloak's credential as a realm export holds it: two JSON strings. */
    private static ObjectNode keycloak(ForeignHashes.KeycloakCredential credential) {
        ObjectNode keycloak = JSON.createObjectNode().put("secretData", credential.secretData())
                .put("credentialData", credential.credentialData());
        ObjectNode hash = JSON.createObjectNode();
        hash.set("keycloak", keycloak);
        return hash;
    }

    private static HttpResponse<String> importFile(Credential credential, String file) {
        return server.send(withHeaders(server.request("/v1/admin/users/import")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8)), credential));
    }

    /** A body generated as it is sent (chunked, no length declared). */
    private static HttpResponse<String> importStreamed(Credential credential, int lines, IntFunction<String> line) {
        return server.send(withHeaders(server.request("/v1/admin/users/import")
                .timeout(java.time.Duration.ofSeconds(60))
                .header("Content-Type", "application/x-ndjson; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedLines(lines, line))), credential));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, Credential credential) {
        if (!credential.headers().isEmpty()) {
            request.headers(credential.headers().toArray(String[]::new));
        }
        return request;
    }

    private static HttpResponse<String> signIn(Tenant tenant, String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        return server.postJson("/v1/auth/signin", body.toString(), PK, tenant.publicKey());
    }

    private static User stored(Tenant tenant, String email) {
        return server.world.users.findByEmail(tenant.id(), new EmailAddress(email)).orElse(null);
    }

    /** {@code count} lines made one at a time as they are read. */
    private static final class GeneratedLines extends InputStream {
        private final int count;
        private final IntFunction<String> line;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        GeneratedLines(int count, IntFunction<String> line) {
            this.count = count;
            this.line = line;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (next == count) {
                    return -1;
                }
                current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return current[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }
    }
}
