package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/auth/introspect}: RFC 7662 answers for live, ended, expired, foreign and garbage tokens. */
class IntrospectionApiIT {
    private static final String INACTIVE = "{\"active\":false}";

    private TestServer server;
    private RootCalls calls;
    private AccountCalls accounts;
    private String pk;
    private Credential introspector;
    private Member ada;

    @BeforeEach
    void start() {
        server = TestServer.start();
        calls = new RootCalls(server);
        accounts = new AccountCalls(server);
        ProvisionTenantUseCase.Provisioned tenant = calls.provision("owner@example.io");
        pk = tenant.tenant().publicKey();
        introspector = secretKey(calls.secret(rootToken(pk, tenant.rootToken()), "tokens:introspect"));
        ada = accounts.signUp(pk, "ada@example.io");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anActiveTokenAnswersItsClaimsInRfc7662Form() {
        HttpResponse<String> response = calls.introspect(introspector, ada.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode claims = json(response.body());
        assertThat(fieldNames(claims)).containsExactly("active", "sub", "aud", "exp", "iat", "jti", "sid", "acc", "role",
                "token_type");
        assertThat(claims.get("active").asBoolean()).isTrue();
        assertThat(claims.get("sub").asText()).isEqualTo(ada.userId());
        assertThat(claims.get("acc").asText()).isEqualTo(ada.accountId());
        assertThat(claims.get("aud").asText()).isEqualTo(server.world.tenants.findByPublishableKey(pk).orElseThrow().id().toString());
        assertThat(claims.get("role").asText()).isEqualTo("account_admin");
        assertThat(claims.get("token_type").asText()).isEqualTo("Bearer");
        long now = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("iat").asLong()).isEqualTo(now);
        assertThat(claims.get("exp").asLong()).isEqualTo(now + Duration.ofMinutes(15).toSeconds());
        assertThat(claims.get("jti").asText()).isNotBlank();
        String session = json(server.get("/v1/me/sessions", "SB-PUBLIC-KEY", pk, "Authorization", ada.bearer()).body())
                .get(0).get("id").asText();
        assertThat(claims.get("sid").asText()).isEqualTo(session);

        Member compat = accounts.login(pk, "ada@example.io");
        JsonNode compatClaims = json(calls.introspect(introspector, compat.token()).body());
        assertThat(compatClaims.get("active").asBoolean()).isTrue();
        assertThat(compatClaims.get("exp").asLong()).isEqualTo(now + Duration.ofHours(12).toSeconds());
    }

    @Test
    void aSignedOutTokenIsInactiveAtOnce() {
        assertThat(json(calls.introspect(introspector, ada.token()).body()).get("active").asBoolean()).isTrue();
        HttpResponse<String> signedOut = server.send(server.request("/v1/auth/signout").header("SB-PUBLIC-KEY", pk)
                .header("Authorization", ada.bearer()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signedOut.statusCode()).isEqualTo(204);

        assertThat(calls.introspect(introspector, ada.token()).body()).isEqualTo(INACTIVE);
    }

    @Test
    void anExpiredTokenIsInactive() {
        server.world.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(json(calls.introspect(introspector, ada.token()).body()).get("active").asBoolean()).isTrue();
        server.world.clock.advance(Duration.ofSeconds(2));

        assertThat(calls.introspect(introspector, ada.token()).body()).isEqualTo(INACTIVE);
    }

    @Test
    void anotherTenantsLiveTokenIsInactiveHere() {
        ProvisionTenantUseCase.Provisioned other = calls.provision("other@example.io");
        Member stranger = accounts.signUp(other.tenant().publicKey(), "stranger@example.io");
        assertThat(accounts.meStatus(stranger)).isEqualTo(200);

        assertThat(calls.introspect(introspector, stranger.token()).body()).isEqualTo(INACTIVE);
        Credential otherRoot = rootToken(other.tenant().publicKey(), other.rootToken());
        assertThat(json(calls.introspect(otherRoot, stranger.token()).body()).get("active").asBoolean()).isTrue();
        assertThat(calls.introspect(otherRoot, ada.token()).body()).isEqualTo(INACTIVE);
    }

    @Test
    void garbageIsInactiveNotAnError() {
        for (String garbage : new String[] {"x", "not.a.jwt", ada.token() + "x", ada.token().substring(1),
                "Bearer " + ada.token(), "eyJ" + "A".repeat(5000), "😀", " "+ ada.token()}) {
            HttpResponse<String> response = calls.introspect(introspector, garbage);
            assertThat(response.statusCode()).as(garbage).isEqualTo(200);
            assertThat(response.body()).as(garbage).isEqualTo(INACTIVE);
        }
    }

    @Test
    void aFormEncodedBodyWorksAsRfc7662SendsIt() {
        String form = "token=" + URLEncoder.encode(ada.token(), StandardCharsets.UTF_8) + "&token_type_hint=access_token";
        HttpResponse<String> active = calls.introspectForm(introspector, form);
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(json(active.body()).get("sub").asText()).isEqualTo(ada.userId());

        HttpResponse<String> withCharset = server.send(server.request("/v1/auth/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-API-Key", introspector.headers().get(1))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ada.token())));
        assertThat(json(withCharset.body()).get("active").asBoolean()).isTrue();
        assertThat(calls.introspectForm(introspector, "token=garbage+with%20spaces").body()).isEqualTo(INACTIVE);
    }

    @Test
    void aMissingOrUnreadableTokenIs400AndOtherMediaTypes415() {
        for (String form : new String[] {"", "token=", "tok=x", "token=a&token=b", "token=%zz", "token=%C3%28",
                "token=%E2%82"}) {
            HttpResponse<String> response = calls.introspectForm(introspector, form);
            assertThat(response.statusCode()).as(form + " -> " + response.body()).isEqualTo(400);
        }
        JsonNode missing = problem(calls.send(introspector, "POST", "/v1/auth/introspect", "{}"), 400, "invalid-input");
        assertThat(missing.get("field").asText()).isEqualTo("token");
        problem(calls.send(introspector, "POST", "/v1/auth/introspect", "{\"token\":42}"), 400, "invalid-input");
        problem(calls.send(introspector, "POST", "/v1/auth/introspect", "{\"token\":"), 400, "malformed-body");
        HttpResponse<String> text = server.send(server.request("/v1/auth/introspect").header("Content-Type", "text/plain")
                .header("X-API-Key", introspector.headers().get(1)).POST(HttpRequest.BodyPublishers.ofString("token=x")));
        problem(text, 415, "unsupported-media-type");
        HttpResponse<String> latin1 = server.send(server.request("/v1/auth/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=latin1")
                .header("X-API-Key", introspector.headers().get(1)).POST(HttpRequest.BodyPublishers.ofString("token=x")));
        problem(latin1, 415, "unsupported-media-type");
    }
}
