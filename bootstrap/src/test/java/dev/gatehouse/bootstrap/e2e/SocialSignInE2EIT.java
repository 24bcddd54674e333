package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.ResourceLock;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.gatehouse.adapters.crypto.oauth.FakeGitHub;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in through an OpenID provider over HTTP on the running jar (docs/social-login.md): a real provider on loopback
 * (mock-oauth2-server: discovery, JWKS, token endpoint, ID tokens signed with its keys), and a browser stand-in that
 * follows redirects and keeps each host's cookies. Covers the sign-in of a new, a returning and a linked user, what the
 * callback does with forged, replayed and foreign steps, the exchange's single use and PKCE, the session gate, and
 * StaticBackend's socialLogin with the real JS client.
 */
@ResourceLock("e2e/node_modules")
class SocialSignInE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String ROOT = "safe-to-use-in-dev-root-token";
    private static final String APP = "https://app.example.com/auth/done";
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static ServerProcess server;
    private static NativeClient client;
    private static MockOAuth2Server idp;
    private static String issuer;
    private static FakeGitHub github;

    @BeforeAll
    static void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = "http://127.0.0.1:" + idp.baseUrl().port() + "/default";
        github = new FakeGitHub();
        server = ServerProcess.start(dataDir, Map.of("GATEHOUSE_TRUSTED_PROXIES", "127.0.0.1,::1"));
        client = new NativeClient(server);
        json(client.patch("/v1/admin/settings", root(), "{\"allowedRedirectUrls\":[\"" + APP + "\"]}"), 200);
        putProvider("idp", false);
        putProvider("idp-link", true);
        JsonNode gh = json(client.put("/v1/admin/oauth-providers/github", root(), body(Map.of("type", "github",
                "clientId", FakeGitHub.CLIENT_ID, "clientSecret", FakeGitHub.CLIENT_SECRET, "issuer", github.base))), 200);
        assertThat(gh.get("scopes").toString()).contains("read:user", "user:email");
    }

    @AfterAll
    static void stop() {
        ServerProcess.closeAll(server);
        if (idp != null) {
            idp.shutdown();
        }
        if (github != null) {
            github.close();
        }
    }

    private static Map<String, String> root() {
        return Map.of("X-API-Key", PK, "Authorization", "Bearer " + ROOT);
    }

    private static void putProvider(String name, boolean link) {
        JsonNode stored = json(client.put("/v1/admin/oauth-providers/" + name, root(), body(Map.of("type", "oidc",
                "clientId", "gatehouse-" + name, "clientSecret", "secret-of-" + name, "issuer", issuer,
                "linkByVerifiedEmail", link))), 200);
        assertThat(stored.get("clientSecretSet").asBoolean()).isTrue();
        assertThat(stored.toString()).doesNotContain("secret-of-" + name);
        assertThat(stored.get("callbackUrl").asText()).isEqualTo(server.baseUri() + "/v1/auth/oauth/callback");
    }

    private static String body(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String subject() {
        return "e2e-subject-" + SUBJECTS.incrementAndGet();
    }

    /** The provider's next ID token says this about the person signing in. */
    private static void provider(String subject, String email, boolean verified) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", null,
                Map.of("email", email, "email_verified", verified, "name", "Ada Lovelace"), 3600));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String authorizePath(String provider, String extraQuery) {
        return "/v1/auth/oauth/" + provider + "/authorize?pk=" + PK + "&redirect_uri=" + enc(APP) + "&state=app-42"
                + extraQuery;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The query the app's redirect URI receives at the end of a whole sign-in in a fresh browser. */
    private static Map<String, String> signIn(String provider, String extraQuery) {
        Browser browser = new Browser();
        HttpResponse<String> end = browser.follow(server.baseUri().resolve(authorizePath(provider, extraQuery)));
        assertThat(end.statusCode()).as(end.body()).isEqualTo(302);
        URI location = URI.create(end.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(APP + "?");
        return query(location);
    }

    private static HttpResponse<String> exchange(String code, String verifier) {
        Map<String, String> fields = new HashMap<>();
        fields.put("code", code);
        if (verifier != null) {
            fields.put("codeVerifier", verifier);
        }
        return client.post("/v1/auth/oauth/exchange", Map.of("X-API-Key", PK), body(fields));
    }

    /** The id of the user an access token signs in, as {@code /v1/me} names it. */
    private static String userIdOf(String accessToken) {
        String id = json(client.get("/v1/me", NativeClient.bearer(PK, accessToken)), 200).path("id").asText();
        assertThat(id).isNotBlank();
        return id;
    }

    // ---- sign-ins ---------------------------------------------------------------------------------------------

    @Test
    void aNewUserSignsUpThroughTheProviderAndSignsInAgainAsTheSameUser() {
        String subject = subject();
        provider(subject, "new-" + subject + "@example.com", true);
        Map<String, String> first = signIn("idp", "");
        assertThat(first).containsEntry("state", "app-42").containsKey("code");
        JsonNode tokens = json(exchange(first.get("code"), null), 200);
        String userId = userIdOf(tokens.get("accessToken").asText());

        provider(subject, "new-" + subject + "@example.com", true);
        JsonNode again = json(exchange(signIn("idp", "").get("code"), null), 200);

        assertThat(userIdOf(again.get("accessToken").asText())).isEqualTo(userId);
        JsonNode identities = json(client.get("/v1/me/identities", NativeClient.bearer(PK,
                again.get("accessToken").asText())), 200).get("identities");
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).get("issuer").asText()).isEqualTo(issuer);
        assertThat(identities.get(0).get("subject").asText()).isEqualTo(subject);
        assertThat(client.post("/v1/auth/signin", Map.of("X-API-Key", PK), body(Map.of("email",
                "new-" + subject + "@example.com", "password", "!none"))).statusCode())
                .as("a user created through a provider has no password").isEqualTo(401);
    }

    @Test
    void aVerifiedAddressLinksToTheExistingUserOnlyWhereTheProviderAllowsIt() {
        String email = "linked-" + subject() + "@example.com";
        JsonNode signedUp = json(client.post("/v1/auth/signup", Map.of("X-API-Key", PK), body(Map.of("email", email,
                "password", "correct horse battery"))), 201);
        String userId = userIdOf(signedUp.get("accessToken").asText());

        provider(subject(), email, true);
        assertThat(signIn("idp", "")).containsEntry("error", "account_exists").doesNotContainKey("code");

        String subject = subject();
        provider(subject, email, true);
        JsonNode linked = json(exchange(signIn("idp-link", "").get("code"), null), 200);
        assertThat(userIdOf(linked.get("accessToken").asText())).isEqualTo(userId);
        assertThat(client.post("/v1/auth/signin", Map.of("X-API-Key", PK), body(Map.of("email", email,
                "password", "correct horse battery"))).statusCode())
                .as("the password set before the first proof of the mailbox is gone").isEqualTo(401);
    }

    @Test
    void anUnverifiedAddressAndAnIdTokenForAnotherAudienceComeBackAsErrors() {
        provider(subject(), "unverified@example.com", false);
        assertThat(signIn("idp", "")).containsEntry("error", "email_not_verified").containsEntry("state", "app-42");

        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject(), "JWT", null,
                Map.of("aud", List.of("another-client"), "email", "aud@example.com", "email_verified", true), 3600));
        assertThat(signIn("idp", "")).containsEntry("error", "provider_error");
    }

    @Test
    void gitHubSignsInByItsNumericIdAndOnlyWithAVerifiedPrimaryAddress() {
        github.primaryVerified = false;
        assertThat(signIn("github", "")).containsEntry("error", "email_not_verified");

        github.primaryVerified = true;
        String first = userIdOf(json(exchange(signIn("github", "").get("code"), null), 200).get("accessToken").asText());
        JsonNode again = json(exchange(signIn("github", "").get("code"), null), 200);

        assertThat(userIdOf(again.get("accessToken").asText())).isEqualTo(first);
        JsonNode identity = json(client.get("/v1/me/identities", NativeClient.bearer(PK,
                again.get("accessToken").asText())), 200).get("identities").get(0);
        assertThat(identity.get("issuer").asText()).isEqualTo(github.base);
        assertThat(identity.get("subject").asText()).isEqualTo("583231");
        assertThat(identity.get("email").asText()).isEqualTo("octo@example.com");
    }

    @Test
    void aSignedInUserLinksAProviderAccountWithALinkCodeThatIsUselessToAnyoneElse() {
        String unproven = json(client.post("/v1/auth/signup", Map.of("X-API-Key", PK), body(Map.of("email",
                "unproven-" + subject() + "@example.com", "password", "correct horse battery"))), 201)
                .get("accessToken").asText();
        assertThat(client.post("/v1/me/identities/idp", NativeClient.bearer(PK, unproven),
                body(Map.of("redirectUri", APP))).statusCode()).as("a mailbox not proven links nothing").isEqualTo(403);
        String owner = provenUser("linker-" + subject() + "@example.com");
        String stranger = provenUser("stranger-" + subject() + "@example.com");
        String linkSubject = subject();

        provider(linkSubject, linkSubject + "@elsewhere.example", true);
        String lured = linkCode(owner);
        assertThat(client.post("/v1/auth/oauth/link", NativeClient.bearer(PK, stranger), body(Map.of("code", lured)))
                .statusCode()).as("another user's token").isEqualTo(400);
        assertThat(client.post("/v1/auth/oauth/link", NativeClient.bearer(PK, owner), body(Map.of("code", lured)))
                .statusCode()).as("spent").isEqualTo(400);

        provider(linkSubject, linkSubject + "@elsewhere.example", true);
        JsonNode linked = json(client.post("/v1/auth/oauth/link", NativeClient.bearer(PK, owner),
                body(Map.of("code", linkCode(owner)))), 200);
        assertThat(linked.get("subject").asText()).isEqualTo(linkSubject);

        provider(linkSubject, linkSubject + "@elsewhere.example", true);
        JsonNode signedIn = json(exchange(signIn("idp", "").get("code"), null), 200);
        assertThat(userIdOf(signedIn.get("accessToken").asText())).isEqualTo(userIdOf(owner));
    }

    /** Signs up, proves the mailbox with the code from the dev mailbox, signs in again: the access token. */
    private static String provenUser(String email) {
        String first = json(client.post("/v1/auth/signup", Map.of("X-API-Key", PK), body(Map.of("email", email,
                "password", "correct horse battery"))), 201).get("accessToken").asText();
        assertThat(client.post("/v1/auth/email/verify/send", NativeClient.bearer(PK, first), "").statusCode())
                .isEqualTo(202);
        JsonNode mails = json(client.get("/v1/dev/mailbox?to=" + java.net.URLEncoder.encode(email,
                java.nio.charset.StandardCharsets.UTF_8), root()), 200);
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("code: (\\S+)")
                .matcher(mails.get(0).get("text").asText());
        assertThat(code.find()).isTrue();
        json(client.post("/v1/auth/email/verify", Map.of("X-API-Key", PK), body(Map.of("code", code.group(1)))), 200);
        return json(client.post("/v1/auth/signin", Map.of("X-API-Key", PK), body(Map.of("email", email,
                "password", "correct horse battery"))), 200).get("accessToken").asText();
    }

    /** Starts a link for the user of {@code accessToken} and follows it through the provider: the link_code. */
    private static String linkCode(String accessToken) {
        JsonNode started = json(client.post("/v1/me/identities/idp", NativeClient.bearer(PK, accessToken),
                body(Map.of("redirectUri", APP))), 200);
        HttpResponse<String> end = new Browser().follow(URI.create(started.get("authorizeUrl").asText()));
        Map<String, String> back = query(URI.create(end.headers().firstValue("Location").orElseThrow()));
        assertThat(back).containsKey("link_code");
        return back.get("link_code");
    }

    // ---- the callback's guards --------------------------------------------------------------------------------

    @Test
    void aCallbackIsGoodOnceInTheBrowserThatStartedItAndNeverForAForgedState() {
        provider(subject(), "guards@example.com", true);
        Browser browser = new Browser();
        URI callback = browser.untilCallback(server.baseUri().resolve(authorizePath("idp", "")));

        Browser other = new Browser();
        other.follow(server.baseUri().resolve(authorizePath("idp", ""))); // a cookie of its own
        HttpResponse<String> foreign = other.get(callback);
        assertPage(foreign, 400, "another browser");
        HttpResponse<String> cookieless = new Browser().get(callback);
        assertPage(cookieless, 400, "finished");
        assertPage(new Browser().get(server.baseUri().resolve("/v1/auth/oauth/callback?state=forged&code=x")), 400,
                "unknown");
        assertPage(new Browser().get(server.baseUri().resolve("/oauth/callback")), 400, "no state");
    }

    @Test
    void theBrowsersOwnReplayOfACallbackIsRefused() {
        provider(subject(), "replay@example.com", true);
        Browser browser = new Browser();
        URI callback = browser.untilCallback(server.baseUri().resolve(authorizePath("idp", "")));
        assertThat(browser.get(callback).statusCode()).isEqualTo(302);

        assertPage(browser.get(callback), 400, "finished");
    }

    @Test
    void aProviderErrorGoesBackToTheApp() {
        Browser browser = new Browser();
        HttpResponse<String> toProvider = browser.get(server.baseUri().resolve(authorizePath("idp", "")));
        String state = query(URI.create(toProvider.headers().firstValue("Location").orElseThrow())).get("state");

        HttpResponse<String> back = browser.get(server.baseUri().resolve("/v1/auth/oauth/callback?state=" + enc(state)
                + "&error=access_denied&error_description=" + enc("The user said <no>")));

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(query(URI.create(back.headers().firstValue("Location").orElseThrow())))
                .containsEntry("error", "access_denied").containsEntry("state", "app-42");
    }

    @Test
    void theStartRefusesLookAlikeRedirectUrisAndUnknownKeysWithA400AndNoRedirect() {
        for (String uri : List.of("https://app.example.com.evil.test/auth/done", "https://app.example.com/auth/done/x",
                "https://evil.test@app.example.com/auth/done", "https://evil.test/?https://app.example.com/auth/done")) {
            HttpResponse<String> refused = new Browser().get(server.baseUri().resolve("/v1/auth/oauth/idp/authorize?pk="
                    + PK + "&redirect_uri=" + enc(uri)));
            assertThat(refused.statusCode()).as(uri).isEqualTo(400);
            assertThat(refused.headers().firstValue("Location")).isEmpty();
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> badKey = new Browser().get(server.baseUri().resolve("/v1/auth/oauth/idp/authorize?pk=pk_nope"
                + "&redirect_uri=" + enc(APP)));
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(new Browser().get(server.baseUri().resolve(authorizePath("nope", ""))).statusCode()).isEqualTo(400);
    }

    @Test
    void aRequestOnAnotherHostIsSentToThePublicHostFirst() {
        HttpResponse<String> moved = new Browser().get(URI.create("http://localhost:" + server.baseUri().getPort()
                + authorizePath("idp", "")));

        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(moved.headers().firstValue("Location").orElseThrow())
                .isEqualTo(server.baseUri() + authorizePath("idp", ""));
        assertThat(moved.headers().firstValue("Set-Cookie")).isEmpty();
    }

    // ---- the exchange -------------------------------------------------------------------------------------------

    @Test
    void anExchangeCodeWorksOnceAndAChallengeNeedsItsVerifier() throws Exception {
        provider(subject(), "exchange@example.com", true);
        String code = signIn("idp", "").get("code");
        assertThat(exchange(code, null).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = exchange(code, null);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid-code");

        String verifier = "e2e-verifier-" + "x".repeat(40);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String pkceSubject = subject();
        provider(pkceSubject, "pkce@example.com", true);
        String pkceCode = signIn("idp", "&code_challenge=" + challenge + "&code_challenge_method=S256").get("code");
        assertThat(exchange(pkceCode, "another-verifier-" + "y".repeat(40)).statusCode()).isEqualTo(400);
        assertThat(exchange(pkceCode, verifier).statusCode()).as("spent by the wrong verifier").isEqualTo(400);

        provider(pkceSubject, "pkce@example.com", true);
        String second = signIn("idp", "&code_challenge=" + challenge + "&code_challenge_method=S256").get("code");
        assertThat(exchange(second, verifier).statusCode()).isEqualTo(200);
    }

    @Test
    void underARequiredSecondFactorTheExchangeAsksForItAndTheCompatPollerGetsNothing() {
        json(client.patch("/v1/admin/settings", root(), "{\"mfa\":{\"required\":\"all\"}}"), 200);
        try {
            awaitPolicy();
            provider(subject(), "gated@example.com", true);
            JsonNode gated = json(exchange(signIn("idp", "").get("code"), null), 200);
            assertThat(gated.get("mfaEnrollmentRequired").asBoolean()).isTrue();
            assertThat(gated.has("accessToken")).isFalse();

            provider(subject(), "gated-compat@example.com", true);
            Browser browser = new Browser();
            HttpResponse<String> page = browser.follow(server.baseUri().resolve("/oauth/login?provider=idp&reqid=gated-1"
                    + "&sbpk=" + PK));
            assertPage(page, 200, "two-step verification");
            assertThat(poll("gated-1", null).body()).isEqualTo("false");
        } finally {
            json(client.patch("/v1/admin/settings", root(), "{\"mfa\":{\"required\":\"off\"}}"), 200);
        }
    }

    // ---- StaticBackend's socialLogin ----------------------------------------------------------------------------

    @Test
    void theCompatResultGoesOnceToThePollerFromTheSourceThatFinishedTheFlow() {
        provider(subject(), "compat@example.com", true);
        Browser browser = new Browser().from("198.51.100.20");
        HttpResponse<String> page = browser.follow(server.baseUri().resolve("/oauth/login?provider=idp&reqid=req-20"
                + "&sbpk=" + PK));
        assertPage(page, 200, "You are signed in");

        assertThat(poll("req-20", "198.51.100.99").body()).as("another source").isEqualTo("false");
        JsonNode result = json(poll("req-20", "198.51.100.20"), 200);
        assertThat(result.get("email").asText()).isEqualTo("compat@example.com");
        assertThat(result.get("token").asText()).isNotBlank();
        assertThat(poll("req-20", "198.51.100.20").body()).as("once").isEqualTo("false");
        assertThat(client.get("/me", Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + result.get("token").asText()))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theStaticBackendJsClientsSocialLoginWorks() {
        NodeScripts.requirePackages("@staticbackend/js");
        provider(subject(), "js-client@example.com", true);

        NodeScripts.Result script = NodeScripts.run(List.of("node", "social-login.mjs"), Duration.ofSeconds(60), Map.of(
                "GATEHOUSE_BASE_URL", server.baseUri().toString(), "GATEHOUSE_PUBLIC_KEY", PK,
                "GATEHOUSE_PROVIDER", "idp", "GATEHOUSE_EXPECT_EMAIL", "js-client@example.com"));

        assertThat(script.exitCode()).as(script.output()).isZero();
        assertThat(script.output()).contains("socialLogin: token for js-client@example.com", "OK");
    }

    private static HttpResponse<String> poll(String requestId, String source) {
        Map<String, String> headers = new HashMap<>(Map.of("SB-PUBLIC-KEY", PK));
        if (source != null) {
            headers.put("X-Forwarded-For", source);
        }
        return client.get("/oauth/get-user?reqid=" + requestId, headers);
    }

    /** The tenant cache of the server holds settings for a second at most. */
    private static void awaitPolicy() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertPage(HttpResponse<String> page, int status, String says) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains(says).doesNotContain("Exception", "at dev.gatehouse");
    }

    /** A browser: follows redirects itself, keeping each host's cookies; optionally behind a proxy naming its source. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, Map<String, String>> cookies = new HashMap<>();
        private String source;

        Browser from(String address) {
            this.source = address;
            return this;
        }

        HttpResponse<String> get(URI uri) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            Map<String, String> jar = cookies.getOrDefault(uri.getAuthority(), Map.of());
            if (!jar.isEmpty()) {
                request.header("Cookie", String.join("; ", jar.entrySet().stream()
                        .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
            }
            if (source != null) {
                request.header("X-Forwarded-For", source);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (String line : response.headers().allValues("Set-Cookie")) {
                    String pair = line.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    cookies.computeIfAbsent(uri.getAuthority(), host -> new HashMap<>())
                            .put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Follows redirects until one leaves for the app, or an answer is not a redirect. */
        HttpResponse<String> follow(URI start) {
            URI current = start;
            for (int hop = 0; hop < 10; hop++) {
                HttpResponse<String> response = get(current);
                String location = response.headers().firstValue("Location").orElse(null);
                if (response.statusCode() / 100 != 3 || location == null || location.startsWith(APP)) {
                    return response;
                }
                current = current.resolve(location);
            }
            throw new AssertionError("more than 10 redirects from " + start);
        }

        /** Follows redirects up to the provider's redirect back to the callback, which it does not open. */
        URI untilCallback(URI start) {
            URI current = start;
            for (int hop = 0; hop < 10; hop++) {
                HttpResponse<String> response = get(current);
                URI next = current.resolve(response.headers().firstValue("Location").orElseThrow(() ->
                        new AssertionError("no redirect from " + response.uri() + ": " + response.body())));
                if (next.getPath().endsWith("/oauth/callback")) {
                    return next;
                }
                current = next;
            }
            throw new AssertionError("never reached the callback from " + start);
        }
    }
}
