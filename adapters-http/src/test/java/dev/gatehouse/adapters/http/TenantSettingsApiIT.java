package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static dev.gatehouse.adapters.http.RootCalls.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.audit.AuditEventType;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET|PATCH /v1/admin/settings} over HTTP: merge-patch semantics, validation, scopes, no secret shown. */
class TenantSettingsApiIT {
    private static final String SECRET = "this-is-a-shared-secret-of-32+bytes";

    private TestServer server;
    private RootCalls calls;
    private ProvisionTenantUseCase.Provisioned tenant;
    private Credential root;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld());
        calls = new RootCalls(server);
        tenant = calls.provision("owner@example.io");
        root = rootToken(tenant.tenant().publicKey(), tenant.rootToken());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(Credential credential) {
        return calls.send(credential, "GET", "/v1/admin/settings", null);
    }

    private HttpResponse<String> patch(Credential credential, String body) {
        return calls.send(credential, "PATCH", "/v1/admin/settings", body);
    }

    @Test
    void showsEverySettingWithItsDefaults() {
        HttpResponse<String> response = get(root);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode settings = json(response.body());
        assertThat(CompatApiIT.fieldNames(settings)).containsExactly("allowedOrigins", "passwordPolicy",
                "allowedRedirectUrls", "defaultSender", "allowedSenders", "requireEmailVerification",
                "signupEnumerationProtection", "magicLinkCreatesUser", "compatMagicLinkContent", "rateLimits", "rateLimitDefaults",
                "trustedProxies", "externalIssuers", "mfa");
        assertThat(settings.get("passwordPolicy").get("minLength").asInt()).isEqualTo(8);
        assertThat(settings.get("defaultSender").isNull()).isTrue();
        assertThat(settings.get("rateLimits").size()).isZero();
        assertThat(settings.get("rateLimitDefaults").get("loginPerIp").get("limit").asInt()).isPositive();
        assertThat(settings.get("requireEmailVerification").asBoolean()).isFalse();
        assertThat(settings.get("mfa").get("required").asText()).isEqualTo("off");
    }

    @Test
    void mergesAPatchKeepsWhatItDoesNotNameAndAuditsTheChangedFields() {
        HttpResponse<String> first = patch(root, """
                {"requireEmailVerification": true, "passwordPolicy": {"minLength": 12},
                 "allowedRedirectUrls": ["https://app.example.com/welcome"], "defaultSender": "Hello@Example.com",
                 "rateLimits": {"loginPerIp": {"limit": 5, "windowSeconds": 60}},
                 "trustedProxies": ["10.0.0.0/8"]}""");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        HttpResponse<String> second = patch(root, """
                {"rateLimits": {"loginPerIp": {"limit": 9}, "signupPerIp": {"limit": 3, "windowSeconds": 3600}},
                 "defaultSender": null}""");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);

        JsonNode settings = json(get(root).body());
        assertThat(settings.get("requireEmailVerification").asBoolean()).isTrue();
        assertThat(settings.get("passwordPolicy").get("minLength").asInt()).isEqualTo(12);
        assertThat(settings.get("passwordPolicy").get("maxLength").asInt()).isEqualTo(72);
        assertThat(settings.get("allowedRedirectUrls").get(0).asText()).isEqualTo("https://app.example.com/welcome");
        assertThat(settings.get("defaultSender").isNull()).isTrue();
        assertThat(settings.get("rateLimits").get("loginPerIp").get("limit").asInt()).isEqualTo(9);
        assertThat(settings.get("rateLimits").get("loginPerIp").get("windowSeconds").asInt()).isEqualTo(60);
        assertThat(settings.get("rateLimits").get("signupPerIp").get("limit").asInt()).isEqualTo(3);
        assertThat(settings.get("trustedProxies").get(0).asText()).isEqualTo("10.0.0.0/8");
        assertThat(server.world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).hasSize(2)
                .first().satisfies(event -> assertThat(event.details().get("fields")).isEqualTo(
                        "passwordPolicy,allowedRedirectUrls,defaultSender,requireEmailVerification,rateLimits,trustedProxies"));
        assertThat(server.world.useCases.resolveTenant().byPublishableKey(tenant.tenant().publicKey()).settings()
                .requireEmailVerification()).as("the tenant as requests see it").isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"requireEmailVerificaton\": true}|requireEmailVerificaton",
            "{\"requireEmailVerification\": \"yes\"}|requireEmailVerification",
            "{\"passwordPolicy\": {\"minLength\": 0}}|passwordPolicy.minLength",
            "{\"passwordPolicy\": {\"min\": 3}}|passwordPolicy.min",
            "{\"passwordPolicy\": {\"screening\": \"off\"}}|passwordPolicy.screening",
            "{\"compatMagicLinkContent\": \"html\"}|compatMagicLinkContent",
            "{\"compatMagicLinkContent\": true}|compatMagicLinkContent",
            "{\"mfa\": {\"required\": \"some\"}}|mfa.required",
            "{\"mfa\": {\"required\": 1}}|mfa.required",
            "{\"mfa\": {\"x\": 1}}|mfa.x",
            "{\"mfa\": \"all\"}|mfa",
            "{\"allowedRedirectUrls\": [\"javascript:alert(1)\"]}|allowedRedirectUrls",
            "{\"allowedOrigins\": \"https://a.example.com\"}|allowedOrigins",
            "{\"defaultSender\": \"nobody\"}|defaultSender",
            "{\"rateLimits\": {\"loginPerPlanet\": {\"limit\": 1}}}|rateLimits.loginPerPlanet",
            "{\"rateLimits\": {\"loginPerIp\": {\"limit\": -1}}}|rateLimits.loginPerIp.limit",
            "{\"rateLimits\": {\"loginPerIp\": {\"windowSeconds\": 1.5}}}|rateLimits.loginPerIp.windowSeconds",
            "{\"trustedProxies\": [\"proxy.example.com\"]}|trustedProxies",
            "{\"rateLimitDefaults\": {}}|rateLimitDefaults",
            "{\"externalIssuers\": [{\"issuer\": \"https://idp\", \"hs256Secret\": \"short\"}]}|externalIssuers[0].hs256Secret",
            "{\"externalIssuers\": [{\"issuer\": \"https://idp\", \"jwksUrl\": \"http://idp/jwks\"}]}|externalIssuers[0].jwksUrl",
            "{\"externalIssuers\": [{\"issuer\": \"https://idp\", \"jwksUrl\": \"https://idp/jwks\", \"algorithms\": [\"none\"]}]}|externalIssuers[0].algorithms",
            "{\"externalIssuers\": [{\"issuer\": \"https://idp\", \"keys\": []}]}|externalIssuers[0].keys",
            "{\"externalIssuers\": [{\"issuer\": \"https://idp\", \"jwksUrl\": \"https://idp/jwks\"}]}|externalIssuers[0].audience",
            "{\"externalIssuers\": [{\"issuer\": \"https://idp\", \"jwksUrl\": \"https://idp/jwks\", \"userLookup\": \"email\", \"audience\": \" \"}]}|externalIssuers[0].audience",
    })
    void refusesABadPatchWithAProblemNamingTheFieldAndChangesNothing(String body, String field) {
        HttpResponse<String> response = patch(root, body);

        JsonNode problem = problem(response, 400, "invalid-input");
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(server.world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).isEmpty();
    }

    @Test
    void refusesABodyThatIsNotAJsonObjectOrRepeatsAField() {
        problem(patch(root, "[1]"), 400, "malformed-body");
        problem(patch(root, "{\"magicLinkCreatesUser\": true, \"magicLinkCreatesUser\": false}"), 400, "malformed-body");
        problem(patch(root, "{\"magicLinkCreatesUser\": true} x"), 400, "malformed-body");
    }

    @Test
    void neverShowsAnExternalIssuersSecretAndKeepsItWhenTheReadFormIsSentBack() {
        HttpResponse<String> created = patch(root, "{\"externalIssuers\": [{\"issuer\": \"https://idp.example.com\","
                + " \"hs256Secret\": \"" + SECRET + "\", \"audience\": \"my-app\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).doesNotContain(SECRET);

        String read = get(root).body();
        assertThat(read).doesNotContain(SECRET);
        JsonNode issuer = json(read).get("externalIssuers").get(0);
        assertThat(issuer.get("hs256SecretSet").asBoolean()).isTrue();
        assertThat(issuer.get("algorithms").get(0).asText()).isEqualTo("HS256");
        assertThat(issuer.get("userClaim").asText()).isEqualTo("email");

        HttpResponse<String> sentBack = patch(root, "{\"externalIssuers\": [" + issuer.toString()
                .replace("\"my-app\"", "\"other-app\"") + "]}");
        assertThat(sentBack.statusCode()).as(sentBack.body()).isEqualTo(200);
        assertThat(server.world.tenants.findById(tenant.tenant().id()).orElseThrow().settings()
                .externalIssuer("https://idp.example.com").orElseThrow())
                .satisfies(kept -> {
                    assertThat(kept.hs256Secret()).isEqualTo(SECRET);
                    assertThat(kept.audience()).isEqualTo("other-app");
                });
        assertThat(server.world.audit.events().toString()).doesNotContain(SECRET);
    }

    @Test
    void needsTheSettingsScope() {
        String usersOnly = calls.secret(root, "users:read", "users:write");
        String settingsAdmin = calls.secret(root, "settings:admin");

        problem(get(secretKey(usersOnly)), 403, "not-permitted");
        problem(patch(secretKey(usersOnly), "{\"magicLinkCreatesUser\": true}"), 403, "not-permitted");
        problem(get(new Credential(java.util.List.of("SB-PUBLIC-KEY", tenant.tenant().publicKey()))), 401,
                "unauthenticated");
        HttpResponse<String> allowed = patch(secretKey(settingsAdmin), "{\"magicLinkCreatesUser\": true}");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(json(allowed.body()).get("magicLinkCreatesUser").asBoolean()).isTrue();
        assertThat(server.world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).singleElement()
                .satisfies(event -> assertThat(event.actor()).as("the key, not the root token, acted").startsWith("key:"));
    }

    @Test
    void anotherTenantsSettingsAreUntouched() {
        ProvisionTenantUseCase.Provisioned other = calls.provision("other@example.io");

        patch(root, "{\"magicLinkCreatesUser\": true}");

        assertThat(json(get(rootToken(other.tenant().publicKey(), other.rootToken())).body())
                .get("magicLinkCreatesUser").asBoolean()).isFalse();
    }

    @Test
    void screeningIsOnByDefaultAndATenantMayTurnItOffWithAShortMinimumAuditedAsAPolicyChange() {
        assertThat(json(get(root).body()).get("passwordPolicy").get("screening").asBoolean()).isTrue();

        HttpResponse<String> off = patch(root, "{\"passwordPolicy\": {\"minLength\": 4, \"screening\": false}}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        JsonNode policy = json(get(root).body()).get("passwordPolicy");
        assertThat(policy.get("screening").asBoolean()).isFalse();
        assertThat(policy.get("minLength").asInt()).isEqualTo(4);
        HttpResponse<String> lengthOnly = patch(root, "{\"passwordPolicy\": {\"maxLength\": 100}}");
        assertThat(lengthOnly.statusCode()).as(lengthOnly.body()).isEqualTo(200);
        assertThat(json(get(root).body()).get("passwordPolicy").get("screening").asBoolean())
                .as("a patch that does not name screening keeps it").isFalse();
        HttpResponse<String> reset = patch(root, "{\"passwordPolicy\": {\"screening\": null}}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

        assertThat(json(get(root).body()).get("passwordPolicy").get("screening").asBoolean()).isTrue();
        assertThat(server.world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).hasSize(3)
                .allSatisfy(event -> assertThat(event.details().get("fields")).isEqualTo("passwordPolicy"));
    }

    @Test
    void theCompatMagicLinkContentIsTheTemplateByDefaultAndATenantMayOptInToCallerContent() {
        assertThat(json(get(root).body()).get("compatMagicLinkContent").asText()).isEqualTo("template");

        HttpResponse<String> caller = patch(root, "{\"compatMagicLinkContent\": \"caller\"}");
        assertThat(caller.statusCode()).as(caller.body()).isEqualTo(200);
        assertThat(json(get(root).body()).get("compatMagicLinkContent").asText()).isEqualTo("caller");
        assertThat(server.world.useCases.resolveTenant().byPublishableKey(tenant.tenant().publicKey()).settings()
                .compatMagicLinkContent()).isEqualTo(dev.gatehouse.domain.tenant.MagicLinkContent.CALLER);
        HttpResponse<String> reset = patch(root, "{\"compatMagicLinkContent\": null}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

        assertThat(json(get(root).body()).get("compatMagicLinkContent").asText()).isEqualTo("template");
        assertThat(server.world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED)).hasSize(2)
                .allSatisfy(event -> assertThat(event.details().get("fields")).isEqualTo("compatMagicLinkContent"));
    }

    @Test
    void theMfaPolicyIsOffByDefaultAndAPatchSetsAndResetsItAuditedAsMfa() {
        HttpResponse<String> all = patch(root, "{\"mfa\": {\"required\": \"all\"}}");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(json(all.body()).get("mfa").get("required").asText()).isEqualTo("all");
        assertThat(server.world.useCases.resolveTenant().byPublishableKey(tenant.tenant().publicKey()).settings().mfa())
                .isEqualTo(dev.gatehouse.domain.tenant.MfaPolicy.ALL);
        HttpResponse<String> kept = patch(root, "{\"mfa\": {}, \"magicLinkCreatesUser\": true}");
        assertThat(json(kept.body()).get("mfa").get("required").asText()).as("an empty object keeps it").isEqualTo("all");

        HttpResponse<String> memberReset = patch(root, "{\"mfa\": {\"required\": null}}");
        assertThat(memberReset.statusCode()).as(memberReset.body()).isEqualTo(200);
        assertThat(json(get(root).body()).get("mfa").get("required").asText()).isEqualTo("off");
        patch(root, "{\"mfa\": {\"required\": \"all\"}}");
        HttpResponse<String> reset = patch(root, "{\"mfa\": null}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

        assertThat(json(get(root).body()).get("mfa").get("required").asText()).isEqualTo("off");
        assertThat(server.world.audit.events(AuditEventType.TENANT_SETTINGS_CHANGED))
                .extracting(event -> event.details().get("fields"))
                .containsExactly("mfa", "magicLinkCreatesUser", "mfa", "mfa", "mfa");
    }
}
