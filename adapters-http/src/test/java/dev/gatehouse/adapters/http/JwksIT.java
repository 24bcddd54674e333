package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /.well-known/jwks.json}: the public key set, of every tenant or of the one {@code ?sbpk=} names. */
class JwksIT {
    private TestServer server;
    private Tenant a;
    private Tenant b;

    @BeforeEach
    void start() {
        server = TestServer.start();
        a = server.world.newTenant("pk_a");
        b = server.world.newTenant("pk_b");
        AccountCalls calls = new AccountCalls(server);
        calls.signUp("pk_a", "a@example.io"); // the fake key store has a tenant's key once it signed a token
        calls.signUp("pk_b", "b@example.io");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutAKeyListsEveryTenantsKeysPubliclyCacheable() {
        HttpResponse<String> response = server.get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        JsonNode body = json(response.body());
        assertThat(fieldNames(body)).containsExactly("keys");
        assertThat(kids(body)).containsExactlyInAnyOrder(kidOf(a), kidOf(b));
    }

    @Test
    void sbpkNarrowsTheSetToThatTenantAndTheHeaderIsIgnoredSoTheUrlAloneDecides() {
        assertThat(kids(json(server.get("/.well-known/jwks.json?sbpk=pk_a").body()))).containsExactly(kidOf(a));
        assertThat(kids(json(server.get("/.well-known/jwks.json?sbpk=pk_b").body()))).containsExactly(kidOf(b));
        assertThat(kids(json(server.get("/.well-known/jwks.json", "SB-PUBLIC-KEY", "pk_a").body())))
                .containsExactlyInAnyOrder(kidOf(a), kidOf(b));
        assertThat(kids(json(server.get("/.well-known/jwks.json?sbpk=").body()))).hasSize(2);
    }

    @Test
    void aTenantWithoutKeysYetHasAnEmptySet() {
        server.world.newTenant("pk_new");
        HttpResponse<String> response = server.get("/.well-known/jwks.json?sbpk=pk_new");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"keys\":[]}");
    }

    @Test
    void anUnknownOrUnreadableSbpkIs401InPlainTextAndNotCacheable() {
        for (String query : List.of("?sbpk=pk_unknown", "?sbpk=%C3%A9", "?sbpk=" + "k".repeat(300))) {
            HttpResponse<String> response = server.get("/.well-known/jwks.json" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
            assertThat(response.body()).isEqualTo("missing or invalid public key\n");
            assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        }
    }

    @Test
    void anSbpkThatIsNotValidPercentEncodingIs401RatherThanTheWholeSet() {
        // java.net.http refuses to send a malformed escape, so this one goes over a raw socket
        String answer = server.raw("GET /.well-known/jwks.json?sbpk=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 401 ").endsWith("missing or invalid public key\n");
    }

    @Test
    void keysAreEmbeddedAsJsonObjectsNotAsEscapedStrings() {
        String rsa = "{\"kty\":\"RSA\",\"kid\":\"k-1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"sXch\",\"e\":\"AQAB\"}";
        String other = "{\"kty\":\"RSA\",\"kid\":\"k-2\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"q/+\\\"x\",\"e\":\"AQAB\"}";
        List<Optional<TenantId>> asked = new ArrayList<>();
        SigningKeysUseCase keys = new SigningKeysUseCase() {
            @Override
            public List<String> publicKeys(Optional<TenantId> tenantId) {
                asked.add(tenantId);
                return List.of(rsa, other);
            }

            @Override
            public int rotateNow(Optional<TenantId> tenantId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int rotateDueKeys() {
                throw new UnsupportedOperationException();
            }
        };
        TestServices stubbed = TestServices.from(server.world.useCases);
        stubbed.signingKeys = keys;
        try (TestServer withRsaKeys = TestServer.start(server.world, stubbed)) {
            HttpResponse<String> response = withRsaKeys.get("/.well-known/jwks.json?sbpk=pk_a");

            assertThat(response.body()).isEqualTo("{\"keys\":[" + rsa + "," + other + "]}");
            JsonNode first = json(response.body()).get("keys").get(0);
            assertThat(first.isObject()).isTrue();
            assertThat(first.get("kty").asText()).isEqualTo("RSA");
            assertThat(first.get("alg").asText()).isEqualTo("RS256");
            assertThat(first.get("use").asText()).isEqualTo("sig");
            assertThat(first.get("kid").asText()).isEqualTo("k-1");
            assertThat(json(response.body()).get("keys").get(1).get("n").asText()).isEqualTo("q/+\"x");
            assertThat(asked).containsExactly(Optional.of(a.id()));
        }
    }

    @Test
    void headAnswersTheSameHeadersWithoutABody() {
        HttpResponse<String> head = server.send(server.request("/.well-known/jwks.json")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        assertThat(head.body()).isEmpty();
    }

    private String kidOf(Tenant tenant) {
        return "fake-" + tenant.id() + "-" + server.world.tokens.keyGeneration(tenant.id());
    }

    private static List<String> kids(JsonNode body) {
        List<String> kids = new ArrayList<>();
        body.get("keys").forEach(key -> {
            assertThat(key.isObject()).isTrue();
            kids.add(key.get("kid").asText());
        });
        return kids;
    }
}
