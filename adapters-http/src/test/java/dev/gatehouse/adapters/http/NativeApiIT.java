package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native /v1 routes: token responses with the user, and RFC 9457 problem details on failure. */
class NativeApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = "SB-PUBLIC-KEY";

    private TestServer server;

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

    @Test
    void signUpAnswers201WithShortLivedAccessTokenRefreshTokenAndTheNewUser() throws Exception {
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials("Ada@Example.io", "correct horse"), PK, "pk_a");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("accessToken", "refreshToken", "tokenType", "expiresIn", "user");
        assertThat(body.get("accessToken").asText()).isNotBlank();
        assertThat(body.get("refreshToken").asText()).isNotBlank().isNotEqualTo(body.get("accessToken").asText());
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").isIntegralNumber()).isTrue();
        assertThat(body.get("expiresIn").asLong()).isEqualTo(Duration.ofMinutes(15).toSeconds());
        JsonNode user = body.get("user");
        assertThat(fieldNames(user)).containsExactly("id", "accountId", "email", "role", "status", "created", "emailVerified",
                "name", "avatarUrl", "metadata");
        assertThat(user.get("email").asText()).isEqualTo("ada@example.io");
        assertThat(user.get("role").asText()).isEqualTo("account_admin");
        assertThat(user.get("status").asText()).isEqualTo("active");
        assertThat(user.get("created").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void signInAnswers200WithTheSameShapeAndExpiryCountedFromNow() throws Exception {
        server.postJson("/v1/auth/signup", credentials("ada@example.io", "correct horse"), PK, "pk_a");
        server.world.clock.advance(Duration.ofMinutes(30));
        HttpResponse<String> response = server.postJson("/v1/auth/signin", credentials("ADA@example.io", "correct horse"), PK, "pk_a");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("accessToken", "refreshToken", "tokenType", "expiresIn", "user");
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(body.get("user").get("email").asText()).isEqualTo("ada@example.io");
    }

    @Test
    void meAnswersTheUserObject() throws Exception {
        String token = signUp("pk_a", "me@example.io");
        HttpResponse<String> me = server.get("/v1/me", PK, "pk_a", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode user = JSON.readTree(me.body());
        assertThat(fieldNames(user)).containsExactly("id", "accountId", "email", "role", "status", "created", "emailVerified",
                "name", "avatarUrl", "metadata");
        assertThat(user.get("email").asText()).isEqualTo("me@example.io");
    }

    @Test
    void tenantMayBeNamedByApiKeyHeaderOrSbpkQuery() throws Exception {
        String token = signUp("pk_a", "keys@example.io");
        assertThat(server.get("/v1/me", "X-API-Key", "pk_a", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/me?sbpk=pk_a", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/me", "X-API-Key", "pk_b", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void invalidInputIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials("nope", "correct horse"), PK, "pk_a");
        JsonNode problem = problem(response, 400, "invalid-input");
        assertThat(problem.get("field").asText()).isEqualTo("email");
        assertThat(problem.get("detail").asText()).isEqualTo("email: must be a valid email address");
        assertThat(problem.get("title").asText()).isEqualTo("Invalid input");
    }

    @Test
    void missingAndMistypedFieldsAreInvalidInputProblems() throws Exception {
        JsonNode missing = problem(server.postJson("/v1/auth/signin", "{\"email\":\"a@example.io\"}", PK, "pk_a"), 400, "invalid-input");
        assertThat(missing.get("field").asText()).isEqualTo("password");
        assertThat(missing.get("detail").asText()).isEqualTo("password: is required");

        JsonNode mistyped = problem(server.postJson("/v1/auth/signin", "{\"email\":[\"a@example.io\"],\"password\":\"x\"}", PK, "pk_a"),
                400, "invalid-input");
        assertThat(mistyped.get("detail").asText()).isEqualTo("email: must be a JSON string, not an array");
    }

    @Test
    void loneSurrogateEscapesAreInvalidInputNotAServerError() throws Exception {
        JsonNode email = problem(server.postJson("/v1/auth/signup",
                "{\"email\":\"\\ud800x@example.io\",\"password\":\"correct horse\"}", PK, "pk_a"), 400, "invalid-input");
        assertThat(email.get("field").asText()).isEqualTo("email");
        JsonNode password = problem(server.postJson("/v1/auth/signup",
                "{\"email\":\"ok@example.io\",\"password\":\"correct horse\\udc00\"}", PK, "pk_a"), 400, "invalid-input");
        assertThat(password.get("field").asText()).isEqualTo("password");
        assertThat(server.postJson("/v1/auth/signup", credentials("emoji😀@example.io", "correct horse 😀"), PK, "pk_a")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void rejectedPasswordIsAProblemNamingTheByteLimit() throws Exception {
        JsonNode problem = problem(server.postJson("/v1/auth/signin", credentials("a@example.io", "x".repeat(73)), PK, "pk_a"),
                400, "password-rejected");
        assertThat(problem.get("detail").asText()).contains("72 bytes");
    }

    @Test
    void commonPasswordsAndPasswordsContainingTheEmailNameAreProblemsThatSayWhy() throws Exception {
        JsonNode common = problem(server.postJson("/v1/auth/signup", credentials("c@example.io", "iloveyou"), PK, "pk_a"),
                400, "password-rejected");
        assertThat(common.get("detail").asText()).startsWith("password is too common");
        assertThat(common.get("field").asText()).isEqualTo("password");

        JsonNode ownName = problem(server.postJson("/v1/auth/signup", credentials("margaret@example.io",
                "Margaret-2026!"), PK, "pk_a"), 400, "password-rejected");
        assertThat(ownName.get("detail").asText()).contains("must not contain the name of the email address");
    }

    @Test
    void duplicateEmailIsAConflictProblem() throws Exception {
        signUp("pk_a", "twice@example.io");
        JsonNode problem = problem(server.postJson("/v1/auth/signup", credentials("TWICE@example.io", "correct horse"), PK, "pk_a"),
                409, "email-already-in-use");
        assertThat(problem.has("field")).isFalse();
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSameProblem() throws Exception {
        signUp("pk_a", "known@example.io");
        HttpResponse<String> wrong = server.postJson("/v1/auth/signin", credentials("known@example.io", "bad password"), PK, "pk_a");
        HttpResponse<String> unknown = server.postJson("/v1/auth/signin", credentials("who@example.io", "bad password"), PK, "pk_a");
        problem(wrong, 401, "invalid-credentials");
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    void unknownTenantAndBadTokenAre401Problems() throws Exception {
        problem(server.postJson("/v1/auth/signup", credentials("a@example.io", "correct horse"), PK, "pk_nope"), 401, "unknown-tenant");
        problem(server.postJson("/v1/auth/signup", credentials("a@example.io", "correct horse")), 401, "unknown-tenant");
        HttpResponse<String> badToken = server.get("/v1/me", PK, "pk_a", "Authorization", "Bearer forged");
        problem(badToken, 401, "unauthenticated");
        assertThat(badToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void unreadableBodiesAreProblemsThatSayWhatIsWrong() throws Exception {
        assertThat(problem(server.postJson("/v1/auth/signin", "{\"email\":", PK, "pk_a"), 400, "malformed-body")
                .get("detail").asText()).startsWith("the request body is not valid JSON");
        assertThat(problem(server.postJson("/v1/auth/signin", "[1,2]", PK, "pk_a"), 400, "malformed-body")
                .get("detail").asText()).isEqualTo("the request body must be a JSON object, not an array");
        assertThat(problem(server.postJson("/v1/auth/signin", "", PK, "pk_a"), 400, "malformed-body")
                .get("detail").asText()).isEqualTo("the request body is empty: expected a JSON object");
        problem(server.send(server.request("/v1/auth/signin").header(PK, "pk_a").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(credentials("a@example.io", "x")))), 415, "unsupported-media-type");
        problem(server.postJson("/v1/auth/signin", "{\"email\":\"" + "a".repeat(70_000) + "\"}", PK, "pk_a"), 413, "body-too-large");
    }

    @Test
    void unknownV1RouteAndWrongMethodAreProblems() throws Exception {
        problem(server.get("/v1/nothing-here", PK, "pk_a"), 404, "not-found");
        problem(server.send(server.request("/v1/auth/signup").PUT(HttpRequest.BodyPublishers.noBody())), 405, "method-not-allowed");
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String slug) {
        return ErrorShape.problem(response, status, slug);
    }

    private String signUp(String publicKey, String email) throws Exception {
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials(email, "correct horse"), PK, publicKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("accessToken").asText();
    }
}
