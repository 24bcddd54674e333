package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StaticBackend's user routes, spoken to over a real socket as its client libraries do. */
class CompatApiIT {
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
    void registersThenLogsInThenReadsTheCurrentUserInStaticBackendShapes() throws Exception {
        HttpResponse<String> registered = server.postJson("/register", credentials("Ada@Example.io", "correct horse"), PK, "pk_a");
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(JSON.readTree(registered.body()).isTextual()).isTrue();

        HttpResponse<String> loggedIn = server.postJson("/login", credentials("ada@example.io", "correct horse"), PK, "pk_a");
        assertThat(loggedIn.statusCode()).isEqualTo(200);
        assertThat(loggedIn.headers().allValues("Content-Type")).containsExactly("application/json");
        String token = JSON.readTree(loggedIn.body()).asText();
        assertThat(token).isNotBlank();

        HttpResponse<String> me = server.get("/me", PK, "pk_a", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode user = JSON.readTree(me.body());
        assertThat(fieldNames(user)).containsExactly("id", "userId", "accountId", "email", "role");
        assertThat(user.get("id").asText()).isEqualTo(user.get("userId").asText()).isNotBlank();
        assertThat(user.get("accountId").asText()).isNotBlank();
        assertThat(user.get("email").asText()).isEqualTo("ada@example.io");
        assertThat(user.get("role").isInt()).isTrue();
        assertThat(user.get("role").asInt()).isEqualTo(50);
    }

    @Test
    void registrationTokenWorksAtMeLikeALoginToken() throws Exception {
        String token = register("pk_a", "grace@example.io");
        HttpResponse<String> me = server.get("/me", PK, "pk_a", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("email").asText()).isEqualTo("grace@example.io");
    }

    @Test
    void successContentTypeIsExactlyApplicationJsonOnTheWire() {
        String body = credentials("wire@example.io", "correct horse");
        String answer = server.raw("POST /register HTTP/1.1\r\nHost: localhost\r\nSB-PUBLIC-KEY: pk_a\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body);
        assertThat(answer).startsWith("HTTP/1.1 200 ");
        assertThat(answer.lines().filter(line -> line.toLowerCase().startsWith("content-type:")))
                .containsExactly("Content-Type: application/json");
    }

    @Test
    void errorBodiesArePlainUtf8TextEndingInANewline() {
        HttpResponse<String> missingKey = server.postJson("/login", credentials("x@example.io", "whatever1"));
        assertThat(missingKey.statusCode()).isEqualTo(401);
        assertThat(missingKey.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        assertThat(missingKey.body()).isEqualTo("missing or invalid public key\n");

        String answer = server.raw("GET /me HTTP/1.1\r\nHost: localhost\r\nSB-PUBLIC-KEY: pk_a\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 401 ").contains("\r\n\r\nmissing authorization token\n");
        assertThat(answer.lines().filter(line -> line.toLowerCase().startsWith("content-type:")).toList())
                .singleElement().satisfies(line -> ErrorShape.isPlainUtf8Text(line.substring("content-type:".length()).strip()));
    }

    @Test
    void missingPublicKeyIsRefusedWith401OnEveryRoute() {
        assertThat(server.postJson("/register", credentials("a@example.io", "12345678")).statusCode()).isEqualTo(401);
        assertThat(server.postJson("/login", credentials("a@example.io", "12345678")).statusCode()).isEqualTo(401);
        assertThat(server.get("/me", "Authorization", "Bearer abc").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPublicKeyIsRefusedWith401RatherThanUpstreams500() {
        HttpResponse<String> response = server.postJson("/register", credentials("a@example.io", "12345678"), PK, "pk_nope");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("missing or invalid public key\n");
        assertThat(server.get("/me", PK, "pk_nope", "Authorization", "Bearer abc").statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsThePublicKeyAsSbpkQueryParameter() throws Exception {
        register("pk_a", "query@example.io");
        HttpResponse<String> response = server.postJson("/login?sbpk=pk_a", credentials("query@example.io", "correct horse"));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void badMissingOrForeignSchemeTokensAre401() {
        HttpResponse<String> bad = server.get("/me", PK, "pk_a", "Authorization", "Bearer not-a-token");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo("invalid authorization token\n");
        assertThat(server.get("/me", PK, "pk_a").statusCode()).isEqualTo(401);
        assertThat(server.get("/me", PK, "pk_a", "Authorization", "Basic YTpi").statusCode()).isEqualTo(401);
        assertThat(server.get("/me", PK, "pk_a", "Authorization", "Bearer " + "x".repeat(5000)).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenOfTenantAIsRejectedAtTenantB() throws Exception {
        String token = register("pk_a", "ada@example.io");
        assertThat(server.get("/me", PK, "pk_a", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        HttpResponse<String> atB = server.get("/me", PK, "pk_b", "Authorization", "Bearer " + token);
        assertThat(atB.statusCode()).isEqualTo(401);
        assertThat(atB.body()).isEqualTo("invalid authorization token\n");
    }

    @Test
    void tokensKeepTheTwelveHourLifetimeStaticBackendClientsExpectSinceTheyNeverRefresh() throws Exception {
        String registered = register("pk_a", "long@example.io");
        String loggedIn = JSON.readTree(server.postJson("/login", credentials("long@example.io", "correct horse"),
                PK, "pk_a").body()).asText();
        server.world.clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(server.get("/me", PK, "pk_a", "Authorization", "Bearer " + registered).statusCode()).isEqualTo(200);
        assertThat(server.get("/me", PK, "pk_a", "Authorization", "Bearer " + loggedIn).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokenIs401() throws Exception {
        String token = register("pk_a", "late@example.io");
        server.world.clock.advance(Duration.ofHours(13));
        HttpResponse<String> me = server.get("/me", PK, "pk_a", "Authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.body()).isEqualTo("authorization token has expired\n");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheIdenticalAnswer() throws Exception {
        register("pk_a", "known@example.io");
        HttpResponse<String> wrongPassword = server.postJson("/login", credentials("known@example.io", "wrong password"), PK, "pk_a");
        HttpResponse<String> unknownEmail = server.postJson("/login", credentials("nobody@example.io", "wrong password"), PK, "pk_a");
        assertThat(wrongPassword.statusCode()).isEqualTo(401).isEqualTo(unknownEmail.statusCode());
        assertThat(wrongPassword.body()).isEqualTo("invalid email/password\n").isEqualTo(unknownEmail.body());
        assertThat(wrongPassword.headers().firstValue("Content-Type")).isEqualTo(unknownEmail.headers().firstValue("Content-Type"));
    }

    @Test
    void rejectsSecondRegistrationWithSameEmailInAnyCase() throws Exception {
        register("pk_a", "A@x.io");
        HttpResponse<String> second = server.postJson("/register", credentials("a@x.io", "correct horse"), PK, "pk_a");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).isEqualTo("an account with this email already exists\n");
        assertThat(server.world.users.count()).isEqualTo(1);
        assertThat(server.world.accounts.count()).isEqualTo(1);
    }

    @Test
    void sameEmailMayRegisterAtAnotherTenant() throws Exception {
        register("pk_a", "both@x.io");
        assertThat(server.postJson("/register", credentials("both@x.io", "correct horse"), PK, "pk_b").statusCode())
                .isEqualTo(200);
    }

    @Test
    void passwordOverTheHashersByteLimitIs400NamingTheLimit() {
        String seventyThreeBytes = "é".repeat(36) + "x"; // 37 characters, 73 UTF-8 bytes
        HttpResponse<String> register = server.postJson("/register", credentials("long@example.io", seventyThreeBytes), PK, "pk_a");
        assertThat(register.statusCode()).isEqualTo(400);
        assertThat(register.body()).contains("72 bytes").endsWith("\n");

        HttpResponse<String> login = server.postJson("/login", credentials("long@example.io", "x".repeat(73)), PK, "pk_a");
        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.body()).contains("72 bytes");
    }

    @Test
    void seventyThreeAsciiCharactersAtRegistrationAre400NamingTheLimitOf72() {
        HttpResponse<String> register = server.postJson("/register", credentials("long@example.io", "x".repeat(73)), PK, "pk_a");
        assertThat(register.statusCode()).isEqualTo(400);
        assertThat(register.body()).contains("72");
    }

    @Test
    void commonPasswordsAndPasswordsContainingTheEmailNameAre400WithAPlainMessage() {
        HttpResponse<String> common = server.postJson("/register", credentials("c@example.io", "Password123"), PK, "pk_a");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).startsWith("password is too common").endsWith("\n");

        HttpResponse<String> ownName = server.postJson("/register",
                credentials("margaret@example.io", "my-MARGARET-pass"), PK, "pk_a");
        assertThat(ownName.statusCode()).isEqualTo(400);
        assertThat(ownName.body()).isEqualTo("password must not contain the name of the email address (the part"
                + " before the @)\n");
        assertThat(server.postJson("/login", credentials("margaret@example.io", "my-MARGARET-pass"), PK, "pk_a")
                .statusCode()).as("nothing was registered").isEqualTo(401);
    }

    @Test
    void tooShortPasswordAndInvalidEmailAre400WithTheirMessage() {
        HttpResponse<String> shortPassword = server.postJson("/register", credentials("s@example.io", "short"), PK, "pk_a");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).isEqualTo("password must be at least 8 characters\n");

        HttpResponse<String> badEmail = server.postJson("/register", credentials("not-an-email", "correct horse"), PK, "pk_a");
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).isEqualTo("email: must be a valid email address\n");
    }

    @Test
    void loginIgnoresExtraFieldsSuchAsAccountId() throws Exception {
        register("pk_a", "extra@example.io");
        HttpResponse<String> response = server.postJson("/login",
                "{\"email\":\"extra@example.io\",\"password\":\"correct horse\",\"accountId\":\"whatever\",\"more\":{\"x\":[1,2]}}",
                PK, "pk_a");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        HttpResponse<String> response = server.postJson("/login", "{\"email\":42,\"password\":\"x\"}", PK, "pk_a");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("email: must be a JSON string, not a number\n");
    }

    @Test
    void unknownRouteIs404InPlainTextRatherThanUpstreams200Page() {
        HttpResponse<String> response = server.get("/no/such/route", PK, "pk_a");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        assertThat(response.body()).isEqualTo("not found\n");
    }

    @Test
    void wrongMethodOnAKnownRouteIs405WithAllowHeader() {
        HttpResponse<String> response = server.send(server.request("/register").DELETE().header(PK, "pk_a"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(response.body()).endsWith("\n");
    }

    @Test
    void everyResponseCarriesProtectiveHeadersAndARequestId() {
        for (HttpResponse<String> response : java.util.List.of(
                server.postJson("/register", credentials("h@example.io", "correct horse"), PK, "pk_a"),
                server.get("/me", PK, "pk_a"),
                server.get("/nowhere"),
                server.get("/health/live"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        }
    }

    @Test
    void wellFormedIncomingRequestIdIsKeptAndAMalformedOneIsReplaced() {
        assertThat(server.get("/health/live", "X-Request-Id", "trace-42.abc:1").headers().firstValue("X-Request-Id"))
                .hasValue("trace-42.abc:1");
        assertThat(server.get("/health/live", "X-Request-Id", "bad id <script>").headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        assertThat(server.get("/health/live", "X-Request-Id", "x".repeat(65)).headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void declaredOversizedBodyIsRefusedAtOnceWithoutWaitingForIt() {
        long started = System.nanoTime();
        String answer = server.raw("POST /register HTTP/1.1\r\nHost: localhost\r\nSB-PUBLIC-KEY: pk_a\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{\"email\":");
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("request body must be at most 65536 bytes\n");
        assertThat(answer.toLowerCase()).contains("connection: close");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void connectionStaysUsableAfterRequestsRefusedBeforeTheirBodyWasRead() {
        String bigButAllowed = credentials("big@example.io", "x".repeat(60_000));
        for (int i = 0; i < 10; i++) {
            assertThat(server.postJson("/register", bigButAllowed, PK, "pk_unknown").statusCode()).isEqualTo(401);
            assertThat(server.postJson("/register", "{\"email\":\"" + "a".repeat(70_000) + "\"}", PK, "pk_a").statusCode())
                    .isEqualTo(413);
            assertThat(server.send(server.request("/me").header(PK, "pk_a")
                    .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString(bigButAllowed))).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void headRunsTheRouteInsteadOfAnsweringAnEmpty200() {
        HttpResponse<String> response = server.send(server.request("/me").method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).header(PK, "pk_a"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
    }

    private String register(String publicKey, String email) throws Exception {
        HttpResponse<String> response = server.postJson("/register", credentials(email, "correct horse"), PK, publicKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).asText();
    }

    static String credentials(String email, String password) {
        return JSON.createObjectNode().put("email", email).put("password", password).toString();
    }

    static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
