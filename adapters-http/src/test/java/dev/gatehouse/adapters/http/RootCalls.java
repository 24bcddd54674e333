package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.user.EmailAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Calls to the root routes (introspection, admin sessions, API keys) with the credentials they take. */
final class RootCalls {
    private final TestServer server;

    RootCalls(TestServer server) {
        this.server = server;
    }

    /** A credential as the headers it travels in (alternating names and values). */
    record Credential(List<String> headers) {
        Credential with(String... more) {
            List<String> all = new ArrayList<>(headers);
            all.addAll(Arrays.asList(more));
            return new Credential(all);
        }
    }

    static Credential rootToken(String publicKey, String rootToken) {
        return new Credential(List.of("SB-PUBLIC-KEY", publicKey, "Authorization", "Bearer " + rootToken));
    }

    static Credential secretKey(String secret) {
        return new Credential(List.of("X-API-Key", secret));
    }

    static Credential secretKeyAsBearer(String secret) {
        return new Credential(List.of("Authorization", "Bearer " + secret));
    }

    static Credential none() {
        return new Credential(List.of());
    }

    /** A tenant made as the operator makes them, with a root token and an owner (generated password). */
    ProvisionTenantUseCase.Provisioned provision(String ownerEmail) {
        return server.world.useCases.provisionTenant().create(new ProvisionTenantUseCase.Command(
                "Tenant of " + ownerEmail, new EmailAddress(ownerEmail), Optional.empty()));
    }

    HttpResponse<String> introspect(Credential credential, String token) {
        return send(credential, "POST", "/v1/auth/introspect", "{\"token\":\"" + token + "\"}");
    }

    HttpResponse<String> introspectForm(Credential credential, String formBody) {
        HttpRequest.Builder request = server.request("/v1/auth/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
        return server.send(withHeaders(request, credential));
    }

    HttpResponse<String> listSessions(Credential credential, String userId) {
        return send(credential, "GET", "/v1/admin/users/" + userId + "/sessions", null);
    }

    HttpResponse<String> revokeSessions(Credential credential, String userId) {
        return send(credential, "DELETE", "/v1/admin/users/" + userId + "/sessions", null);
    }

    HttpResponse<String> listKeys(Credential credential) {
        return send(credential, "GET", "/v1/admin/api-keys", null);
    }

    HttpResponse<String> createKey(Credential credential, String json) {
        return send(credential, "POST", "/v1/admin/api-keys", json);
    }

    /** Makes a secret key with these scopes (none named: the default); answers the created key's body. */
    JsonNode createSecretKey(Credential credential, String... scopes) {
        String body = scopes.length == 0 ? "{\"type\":\"secret\",\"name\":\"test key\"}"
                : "{\"type\":\"secret\",\"name\":\"test key\",\"scopes\":["
                        + Arrays.stream(scopes).map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> created = createKey(credential, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body());
    }

    /** The secret of a new key with these scopes. */
    String secret(Credential credential, String... scopes) {
        return createSecretKey(credential, scopes).get("secret").asText();
    }

    HttpResponse<String> revokeKey(Credential credential, String idOrKey) {
        return send(credential, "DELETE", "/v1/admin/api-keys/" + idOrKey, null);
    }

    HttpResponse<String> send(Credential credential, String method, String path, String jsonBody) {
        HttpRequest.Builder request = server.request(path);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        return server.send(withHeaders(request, credential));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, Credential credential) {
        if (!credential.headers().isEmpty()) {
            request.headers(credential.headers().toArray(String[]::new));
        }
        return request;
    }
}
