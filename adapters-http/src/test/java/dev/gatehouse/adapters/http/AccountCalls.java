package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Calls to the account routes, and the sign-ups and sign-ins that set them up, for the account tests. */
final class AccountCalls {
    static final String PK = "SB-PUBLIC-KEY";
    static final String PASSWORD = "correct horse";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServer server;

    AccountCalls(TestServer server) {
        this.server = server;
    }

    /** A signed-in user as the native API describes them. */
    record Member(String publicKey, String token, String userId, String accountId, String email) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    /** Native sign-up: opens an account whose first user (this one) is its admin. */
    Member signUp(String publicKey, String email) {
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials(email), PK, publicKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return member(publicKey, json(response.body()));
    }

    Member signIn(String publicKey, String email) {
        return signIn(publicKey, email, PASSWORD);
    }

    Member signIn(String publicKey, String email, String password) {
        HttpResponse<String> response = server.postJson("/v1/auth/signin",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", PK, publicKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return member(publicKey, json(response.body()));
    }

    /** StaticBackend sign-up ({@code POST /register}), then {@code GET /me} for the ids. */
    Member register(String publicKey, String email) {
        return compatMember(publicKey, server.postJson("/register", credentials(email), PK, publicKey));
    }

    /** StaticBackend sign-in ({@code POST /login}), then {@code GET /me} for the ids. */
    Member login(String publicKey, String email, String password) {
        return compatMember(publicKey, server.postJson("/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", PK, publicKey));
    }

    Member login(String publicKey, String email) {
        return login(publicKey, email, PASSWORD);
    }

    /** A member signed in with a token that did not come from a sign-in (e.g. {@code /sudogettoken}). */
    Member withToken(String publicKey, String token) {
        HttpResponse<String> me = server.get("/me", PK, publicKey, "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode user = json(me.body());
        return new Member(publicKey, token, user.get("id").asText(), user.get("accountId").asText(),
                user.get("email").asText());
    }

    private Member compatMember(String publicKey, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return withToken(publicKey, json(response.body()).asText());
    }

    /** {@code admin} adds a user with {@code role} through the native API, who then signs in. */
    Member addAndSignIn(Member admin, String email, String role) {
        HttpResponse<String> added = nativeAdd(admin, email, role);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return signIn(admin.publicKey(), email);
    }

    HttpResponse<String> nativeAdd(Member caller, String email, String role) {
        String body = role == null ? credentials(email)
                : "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}";
        return server.postJson("/v1/account/users", body, PK, caller.publicKey(), "Authorization", caller.bearer());
    }

    HttpResponse<String> nativeChangeRole(Member caller, String userId, String role) {
        return send(caller, "PATCH", "/v1/account/users/" + userId, "{\"role\":\"" + role + "\"}");
    }

    HttpResponse<String> nativeRemove(Member caller, String userId) {
        return send(caller, "DELETE", "/v1/account/users/" + userId, null);
    }

    HttpResponse<String> compatAdd(Member caller, String email) {
        return server.postJson("/account/users", credentials(email), PK, caller.publicKey(), "Authorization", caller.bearer());
    }

    HttpResponse<String> compatList(Member caller) {
        return server.get("/account/users", PK, caller.publicKey(), "Authorization", caller.bearer());
    }

    HttpResponse<String> compatRemove(Member caller, String userId) {
        return send(caller, "DELETE", "/account/users/" + userId, null);
    }

    HttpResponse<String> sudo(String publicKey, String authorization, String accountId) {
        return authorization == null ? server.get("/sudogettoken/" + accountId, PK, publicKey)
                : server.get("/sudogettoken/" + accountId, PK, publicKey, "Authorization", authorization);
    }

    /** {@code GET /v1/me} (native routes) with the member's token: 200 while their session lives. */
    int meStatus(Member member) {
        return server.get("/v1/me", PK, member.publicKey(), "Authorization", member.bearer()).statusCode();
    }

    /** A request with the member's tenant key and token, and a JSON body when one is given. */
    HttpResponse<String> send(Member caller, String method, String path, String jsonBody) {
        HttpRequest.Builder request = server.request(path).header(PK, caller.publicKey())
                .header("Authorization", caller.bearer());
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        return server.send(request);
    }

    static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Member member(String publicKey, JsonNode body) {
        JsonNode user = body.get("user");
        return new Member(publicKey, body.get("accessToken").asText(), user.get("id").asText(),
                user.get("accountId").asText(), user.get("email").asText());
    }
}
