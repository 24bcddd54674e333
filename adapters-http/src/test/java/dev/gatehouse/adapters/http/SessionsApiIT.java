package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static dev.gatehouse.adapters.http.ErrorShape.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions on the native API: refresh-token rotation, sign-out scopes, and a user's own session list. */
class SessionsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = "SB-PUBLIC-KEY";
    private static final String PASSWORD = "correct horse";

    private TestServer server;

    record Tokens(String access, String refresh) {
    }

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.world.newTenant("pk_a");
        server.world.newTenant("pk_b");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- refresh

    @Test
    void refreshAnswersANewPairAndTheSpentTokenIs409WithinTheGraceWindowThen401EndingTheSession() throws Exception {
        Tokens first = signUp("pk_a", "ada@example.io");
        server.world.clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> refreshed = refresh("pk_a", first.refresh());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode body = JSON.readTree(refreshed.body());
        assertThat(fieldNames(body)).containsExactly("accessToken", "refreshToken", "tokenType", "expiresIn", "user");
        Tokens second = tokens(body);
        assertThat(second.refresh()).isNotBlank().isNotEqualTo(first.refresh());
        assertThat(second.access()).isNotBlank().isNotEqualTo(first.access());
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(body.get("user").get("email").asText()).isEqualTo("ada@example.io");
        assertThat(me("pk_a", second.access())).isEqualTo(200);
        assertThat(me("pk_a", first.access())).as("rotation alone ends no access token").isEqualTo(200);

        JsonNode concurrent = problem(refresh("pk_a", first.refresh()), 409, "refresh-token-already-rotated");
        assertThat(concurrent.get("detail").asText()).contains("use the access and refresh tokens that request received");
        assertThat(concurrent.has("field")).isFalse();
        assertThat(me("pk_a", second.access())).as("a racing duplicate revokes nothing").isEqualTo(200);

        server.world.clock.advance(Duration.ofSeconds(6)); // past the 5 s grace window: taken for theft
        HttpResponse<String> reused = refresh("pk_a", first.refresh());
        problem(reused, 401, "unauthenticated");
        assertThat(reused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(me("pk_a", second.access())).as("the session's newest access token").isEqualTo(401);
        assertThat(me("pk_a", first.access())).as("the session's first access token").isEqualTo(401);
        problem(refresh("pk_a", second.refresh()), 401, "unauthenticated");
    }

    @Test
    void refreshTokenOfTenantAIsRejectedAtTenantBAndStaysUsableAtA() throws Exception {
        Tokens ada = signUp("pk_a", "ada@example.io");
        signUp("pk_b", "ada@example.io");
        problem(refresh("pk_b", ada.refresh()), 401, "unauthenticated");
        problem(server.postJson("/v1/auth/refresh", refreshBody(ada.refresh()), "X-API-Key", "pk_b"), 401, "unauthenticated");
        assertThat(refresh("pk_a", ada.refresh()).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshNeedsNoBearerButATenantAndAWellFormedBody() throws Exception {
        Tokens ada = signUp("pk_a", "ada@example.io");
        JsonNode missing = problem(server.postJson("/v1/auth/refresh", "{}", PK, "pk_a"), 400, "invalid-input");
        assertThat(missing.get("field").asText()).isEqualTo("refreshToken");
        assertThat(missing.get("detail").asText()).isEqualTo("refreshToken: is required");
        problem(server.postJson("/v1/auth/refresh", "{\"refreshToken\":null}", PK, "pk_a"), 400, "invalid-input");
        assertThat(problem(server.postJson("/v1/auth/refresh", "{\"refreshToken\":42}", PK, "pk_a"), 400, "invalid-input")
                .get("detail").asText()).isEqualTo("refreshToken: must be a JSON string, not a number");
        problem(server.postJson("/v1/auth/refresh", refreshBody(""), PK, "pk_a"), 401, "unauthenticated");
        problem(server.postJson("/v1/auth/refresh", refreshBody("bogus"), PK, "pk_a"), 401, "unauthenticated");
        problem(server.postJson("/v1/auth/refresh", refreshBody("x".repeat(5000)), PK, "pk_a"), 401, "unauthenticated");
        problem(server.postJson("/v1/auth/refresh", refreshBody(ada.refresh())), 401, "unknown-tenant");
        problem(server.send(server.request("/v1/auth/refresh").header(PK, "pk_a").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(refreshBody(ada.refresh())))), 415, "unsupported-media-type");
        assertThat(refresh("pk_a", ada.refresh()).statusCode()).as("none of the refusals spent the token").isEqualTo(200);
    }

    @Test
    void accessTokenLastsFifteenMinutesAndRefreshRenewsItUntilTheRefreshTokenIdlesOutAfterSevenDays() throws Exception {
        Tokens first = signUp("pk_a", "ada@example.io");
        server.world.clock.advance(Duration.ofMinutes(16));
        assertThat(me("pk_a", first.access())).isEqualTo(401);
        Tokens second = tokens(JSON.readTree(refresh("pk_a", first.refresh()).body()));
        assertThat(me("pk_a", second.access())).isEqualTo(200);

        server.world.clock.advance(Duration.ofDays(7).plusSeconds(1));
        JsonNode expired = problem(refresh("pk_a", second.refresh()), 401, "unauthenticated");
        assertThat(expired.get("detail").asText()).isEqualTo("authorization token has expired");
    }

    // ---------------------------------------------------------------- sign-out

    @Test
    void signOutWithoutScopeEndsExactlyTheCurrentSession() throws Exception {
        Tokens first = signUp("pk_a", "ada@example.io");
        Tokens second = signIn("pk_a", "ada@example.io");
        Tokens third = signIn("pk_a", "ada@example.io");
        Tokens bob = signUp("pk_a", "bob@example.io");

        HttpResponse<String> response = signOut("pk_a", second.access(), "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.body()).isEmpty();

        assertThat(me("pk_a", second.access())).isEqualTo(401);
        assertThat(refresh("pk_a", second.refresh()).statusCode()).isEqualTo(401);
        assertThat(me("pk_a", first.access())).isEqualTo(200);
        assertThat(me("pk_a", third.access())).isEqualTo(200);
        assertThat(me("pk_a", bob.access())).isEqualTo(200);

        assertThat(signOut("pk_a", third.access(), "?scope=current").statusCode()).isEqualTo(204);
        assertThat(me("pk_a", third.access())).isEqualTo(401);
        assertThat(me("pk_a", first.access())).isEqualTo(200);
    }

    @Test
    void signOutOthersKeepsOnlyTheCurrentSessionOfThatUser() throws Exception {
        Tokens first = signUp("pk_a", "ada@example.io");
        Tokens second = signIn("pk_a", "ada@example.io");
        Tokens third = signIn("pk_a", "ada@example.io");
        Tokens bob = signUp("pk_a", "bob@example.io");

        assertThat(signOut("pk_a", second.access(), "?scope=others").statusCode()).isEqualTo(204);

        assertThat(me("pk_a", second.access())).isEqualTo(200);
        assertThat(me("pk_a", first.access())).isEqualTo(401);
        assertThat(me("pk_a", third.access())).isEqualTo(401);
        assertThat(refresh("pk_a", first.refresh()).statusCode()).isEqualTo(401);
        assertThat(me("pk_a", bob.access())).isEqualTo(200);
        assertThat(sessions("pk_a", second.access())).hasSize(1);
    }

    @Test
    void signOutAllEndsEverySessionOfThatUserAndNoOneElses() throws Exception {
        Tokens first = signUp("pk_a", "ada@example.io");
        Tokens second = signIn("pk_a", "ada@example.io");
        Tokens third = signIn("pk_a", "ada@example.io");
        Tokens bob = signUp("pk_a", "bob@example.io");

        assertThat(signOut("pk_a", second.access(), "?scope=all").statusCode()).isEqualTo(204);

        assertThat(me("pk_a", first.access())).isEqualTo(401);
        assertThat(me("pk_a", second.access())).isEqualTo(401);
        assertThat(me("pk_a", third.access())).isEqualTo(401);
        assertThat(refresh("pk_a", second.refresh()).statusCode()).isEqualTo(401);
        assertThat(me("pk_a", bob.access())).isEqualTo(200);
    }

    @Test
    void signOutRefusesAnyOtherScopeWith400AndEndsNothing() throws Exception {
        Tokens ada = signUp("pk_a", "ada@example.io");
        Tokens other = signIn("pk_a", "ada@example.io");
        for (String query : List.of("?scope=", "?scope", "?scope=ALL", "?scope=everything", "?scope=all%00", "?scope=%C3%A9",
                "?scope=" + "x".repeat(3000))) {
            JsonNode refused = problem(signOut("pk_a", ada.access(), query), 400, "invalid-input");
            assertThat(refused.get("field").asText()).as(query).isEqualTo("scope");
            assertThat(refused.get("detail").asText()).isEqualTo("scope: must be current, others or all");
        }
        String unreadable = server.raw("POST /v1/auth/signout?scope=%zz HTTP/1.1\r\nHost: localhost\r\nSB-PUBLIC-KEY: pk_a\r\n"
                + "Authorization: Bearer " + ada.access() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(unreadable).startsWith("HTTP/1.1 400 ").contains("scope: must be current, others or all");
        assertThat(me("pk_a", ada.access())).isEqualTo(200);
        assertThat(me("pk_a", other.access())).isEqualTo(200);
    }

    @Test
    void signOutNeedsAValidBearerToken() {
        HttpResponse<String> missing = server.send(server.request("/v1/auth/signout").header(PK, "pk_a")
                .POST(HttpRequest.BodyPublishers.noBody()));
        problem(missing, 401, "unauthenticated");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        problem(signOut("pk_a", "forged", "?scope=all"), 401, "unauthenticated");
    }

    // ---------------------------------------------------------------- own sessions

    @Test
    void sessionListShowsTheUsersActiveSessionsNewestFirstAndMarksTheCurrentOne() throws Exception {
        Tokens laptop = tokens(JSON.readTree(server.postJson("/v1/auth/signup", credentials("ada@example.io", PASSWORD),
                PK, "pk_a", "User-Agent", "Laptop/1.0", "X-Forwarded-For", "203.0.113.9").body()));
        signUp("pk_a", "bob@example.io");
        server.world.clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> compatLogin = server.postJson("/login", credentials("ada@example.io", PASSWORD),
                PK, "pk_a", "User-Agent", "sb-js/1.2");
        assertThat(compatLogin.statusCode()).isEqualTo(200);
        server.world.clock.advance(Duration.ofMinutes(1));
        Tokens phone = signIn("pk_a", "ada@example.io", "User-Agent", "Phone/2.0");
        server.world.clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> response = server.get("/v1/me/sessions", PK, "pk_a", "Authorization", "Bearer " + phone.access());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode list = JSON.readTree(response.body());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(3);
        for (JsonNode session : list) {
            assertThat(fieldNames(session)).containsExactly("id", "current", "createdAt", "lastUsedAt", "expiresAt",
                    "ipAddress", "userAgent");
            assertThat(UUID.fromString(session.get("id").asText())).isNotNull();
            assertThat(session.get("ipAddress").asText()).as("the socket peer, not X-Forwarded-For").isEqualTo("127.0.0.1");
        }
        assertThat(texts(list, "userAgent")).containsExactly("Phone/2.0", "sb-js/1.2", "Laptop/1.0");
        assertThat(texts(list, "createdAt"))
                .containsExactly("2026-01-01T00:02:00Z", "2026-01-01T00:01:00Z", "2026-01-01T00:00:00Z");
        assertThat(texts(list, "expiresAt"))
                .containsExactly("2026-01-31T00:02:00Z", "2026-01-31T00:01:00Z", "2026-01-31T00:00:00Z");
        assertThat(texts(list, "lastUsedAt")).as("only the phone's token has been used since sign-in")
                .containsExactly("2026-01-01T00:03:00Z", "2026-01-01T00:01:00Z", "2026-01-01T00:00:00Z");
        assertThat(list.get(0).get("current").asBoolean()).isTrue();
        assertThat(list.get(1).get("current").asBoolean()).isFalse();
        assertThat(list.get(2).get("current").asBoolean()).isFalse();

        JsonNode fromLaptop = sessions("pk_a", laptop.access());
        assertThat(texts(fromLaptop, "current")).containsExactly("false", "false", "true");
        assertThat(texts(fromLaptop, "id")).isEqualTo(texts(list, "id"));
    }

    @Test
    void deletingAnotherOwnSessionEndsItsTokensAndOnlyThose() throws Exception {
        Tokens laptop = signUp("pk_a", "ada@example.io");
        server.world.clock.advance(Duration.ofSeconds(1));
        Tokens phone = signIn("pk_a", "ada@example.io");
        String laptopId = sessions("pk_a", phone.access()).get(1).get("id").asText();

        HttpResponse<String> deleted = delete("pk_a", phone.access(), laptopId);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        problem(server.get("/v1/me", PK, "pk_a", "Authorization", "Bearer " + laptop.access()), 401, "unauthenticated");
        assertThat(refresh("pk_a", laptop.refresh()).statusCode()).isEqualTo(401);
        assertThat(me("pk_a", phone.access())).isEqualTo(200);
        assertThat(texts(sessions("pk_a", phone.access()), "current")).containsExactly("true");
        problem(delete("pk_a", phone.access(), laptopId), 404, "session-not-found");
    }

    @Test
    void deletingTheCurrentSessionSignsThatTokenOut() throws Exception {
        Tokens ada = signUp("pk_a", "ada@example.io");
        String id = sessions("pk_a", ada.access()).get(0).get("id").asText();
        assertThat(delete("pk_a", ada.access(), id).statusCode()).isEqualTo(204);
        assertThat(me("pk_a", ada.access())).isEqualTo(401);
    }

    @Test
    void deletingSomeoneElsesSessionIs404AndTheirTokenKeepsWorking() throws Exception {
        Tokens ada = signUp("pk_a", "ada@example.io");
        Tokens bob = signUp("pk_a", "bob@example.io");
        Tokens carol = signUp("pk_b", "carol@example.io");
        String bobsSession = sessions("pk_a", bob.access()).get(0).get("id").asText();
        String carolsSession = sessions("pk_b", carol.access()).get(0).get("id").asText();

        JsonNode notFound = problem(delete("pk_a", ada.access(), bobsSession), 404, "session-not-found");
        assertThat(notFound.get("detail").asText()).isEqualTo("session not found");
        problem(delete("pk_a", ada.access(), carolsSession), 404, "session-not-found");
        problem(delete("pk_a", ada.access(), UUID.randomUUID().toString()), 404, "session-not-found");

        assertThat(me("pk_a", bob.access())).isEqualTo(200);
        assertThat(me("pk_b", carol.access())).isEqualTo(200);
    }

    @Test
    void malformedSessionIdIs400AndTokenlessRequestsAre401() throws Exception {
        Tokens ada = signUp("pk_a", "ada@example.io");
        for (String id : List.of("not-a-uuid", "123", UUID.randomUUID() + "0", "%7B" + UUID.randomUUID() + "%7D",
                "x".repeat(2000))) {
            JsonNode refused = problem(delete("pk_a", ada.access(), id), 400, "invalid-input");
            assertThat(refused.get("field").asText()).isEqualTo("id");
        }
        problem(server.send(server.request("/v1/me/sessions/" + UUID.randomUUID()).header(PK, "pk_a").DELETE()),
                401, "unauthenticated");
        problem(server.get("/v1/me/sessions", PK, "pk_a"), 401, "unauthenticated");
        problem(server.get("/v1/me/sessions", PK, "pk_b", "Authorization", "Bearer " + ada.access()), 401, "unauthenticated");
    }

    @Test
    void wrongMethodOnASessionIs405NamingTheMethodsOfThatRoute() {
        HttpResponse<String> put = server.send(server.request("/v1/me/sessions/" + UUID.randomUUID())
                .PUT(HttpRequest.BodyPublishers.noBody()));
        problem(put, 405, "method-not-allowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("DELETE, OPTIONS");

        HttpResponse<String> preflight = server.send(server.request("/v1/me/sessions/abc")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "DELETE"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Allow")).hasValue("DELETE, OPTIONS");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("DELETE"));
    }

    // ---------------------------------------------------------------- helpers

    private Tokens signUp(String publicKey, String email) throws Exception {
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials(email, PASSWORD), PK, publicKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return tokens(JSON.readTree(response.body()));
    }

    private Tokens signIn(String publicKey, String email, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of(PK, publicKey));
        all.addAll(List.of(headers));
        HttpResponse<String> response = server.postJson("/v1/auth/signin", credentials(email, PASSWORD),
                all.toArray(String[]::new));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tokens(JSON.readTree(response.body()));
    }

    private static Tokens tokens(JsonNode body) {
        return new Tokens(body.get("accessToken").asText(), body.get("refreshToken").asText());
    }

    private HttpResponse<String> refresh(String publicKey, String refreshToken) {
        return server.postJson("/v1/auth/refresh", refreshBody(refreshToken), PK, publicKey);
    }

    private static String refreshBody(String refreshToken) {
        return JSON.createObjectNode().put("refreshToken", refreshToken).toString();
    }

    private int me(String publicKey, String accessToken) {
        return server.get("/v1/me", PK, publicKey, "Authorization", "Bearer " + accessToken).statusCode();
    }

    private HttpResponse<String> signOut(String publicKey, String accessToken, String query) {
        return server.send(server.request("/v1/auth/signout" + query).header(PK, publicKey)
                .header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode sessions(String publicKey, String accessToken) throws Exception {
        HttpResponse<String> response = server.get("/v1/me/sessions", PK, publicKey, "Authorization", "Bearer " + accessToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> delete(String publicKey, String accessToken, String id) {
        return server.send(server.request("/v1/me/sessions/" + id).header(PK, publicKey)
                .header("Authorization", "Bearer " + accessToken).DELETE());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asText()));
        return values;
    }
}
