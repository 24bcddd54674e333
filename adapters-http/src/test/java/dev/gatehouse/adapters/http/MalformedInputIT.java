package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.FuzzDraws.pick;
import static dev.gatehouse.adapters.http.FuzzDraws.pickOf;
import static dev.gatehouse.adapters.http.FuzzDraws.printable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.tenant.TenantId;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Throws a few hundred generated bad requests (seeded, so a failure replays) at every route: broken and
 * odd JSON, wrong types, deep nesting, huge strings, unicode, wrong or missing content types and headers,
 * wrong methods, odd path parameters and queries, empty and oversized bodies, live, spent and forged
 * tokens. Nothing may answer 5xx or leak a stack trace, every error must say something, most answers to
 * body routes must be 4xx validation answers, and each route must have answered every status listed for
 * it, so that the test cannot pass by everything being turned away at the door with 401.
 * Each route gets its own user, so a route that ends sessions (sign-out, session deletion) cannot
 * disturb another route's run; when one ends the caller's own session, the caller signs in again.
 * Routes that take a user's token also get the tenant's root token (root routes a user's token, operator
 * routes the root token) among the bad credentials: each is only good where it belongs. Path ids are drawn
 * from the caller's own sessions, users, account or API keys, other accounts' and another tenant's, ids
 * that exist nowhere, and garbage.
 */
class MalformedInputIT {
    private static final long SEED = 0x6A7E_2026L;
    private static final int REQUESTS_PER_ROUTE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STACK_TRACE_MARKERS = List.of(
            "Exception", "\tat ", "at dev.", "at io.", "at java.", "at org.", "Caused by", "java.lang.", "<html");

    /** The other tenant: its users' and accounts' ids must be unknown at the fuzzed tenant. */
    private static final String OTHER_TENANT = "pk_fuzz_other";
    private static final String OPERATOR_TOKEN = "op_fuzz_0123456789abcdef";

    private static TestServer server;
    private static String rootToken;
    private static TenantId fuzzedTenant;
    /** Ids that exist, but not for the callers: another account of the tenant, another tenant. */
    private static final List<String> foreignUserIds = new ArrayList<>();
    private static final List<String> foreignAccountIds = new ArrayList<>();
    /** The other tenant's API keys: secret key ids and publishable keys. */
    private static final List<String> foreignKeys = new ArrayList<>();

    /**
     * The JSON bodies the routes take: {@code {email,password}}, {@code {refreshToken}}, {@code {email,password,role?}},
     * {@code {name}}, {@code {role}}, {@code {token}} (also as a form), {@code {type,name?,scopes?}},
     * {@code {name,ownerEmail,ownerPassword?}}.
     */
    enum Body { NONE, CREDENTIALS, REFRESH, NEW_USER, NAME, ROLE, TOKEN, NEW_KEY, NEW_TENANT }

    /**
     * The credential a route takes: none, a user's session token, the tenant's root token (with its publishable
     * key), or the operator token (no tenant).
     */
    enum Auth { NONE, USER, ROOT, OPERATOR }

    /**
     * @param path     the route's path; a {@code {...}} segment is filled per request with an id of the kind the
     *                 route takes (session, user or account), good or bad
     * @param mustSee  statuses the run must have produced at least once
     */
    record Route(String method, String path, Body body, Auth auth, Set<Integer> mustSee) {
        boolean takesBody() {
            return body != Body.NONE;
        }

        boolean takesToken() {
            return auth != Auth.NONE;
        }

        boolean isNative() {
            return path.startsWith("/v1/");
        }

        /** Whether the request must name a tenant to be let in. */
        boolean selectsTenant() {
            return auth == Auth.USER || auth == Auth.ROOT;
        }

        /** Whether a success may end the caller's own session. */
        boolean endsSessions() {
            return path.equals("/v1/auth/signout") || path.contains("{id}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** @param mustBe401 a token route's request with a broken tenant or credential: only 401 is right */
    record BadRequest(String kind, String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                      boolean mustBe401) {
        BadRequest(String kind, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
            this(kind, method, pathAndQuery, headers, body, false);
        }
    }

    static Stream<Route> routes() {
        Set<Integer> bodyRoute = Set.of(400, 401, 405, 413, 415);
        Set<Integer> tokenRoute = Set.of(200, 401, 405);
        return Stream.of(
                new Route("POST", "/register", Body.CREDENTIALS, Auth.NONE, bodyRoute),
                new Route("POST", "/login", Body.CREDENTIALS, Auth.NONE, bodyRoute),
                new Route("GET", "/me", Body.NONE, Auth.USER, tokenRoute),
                new Route("POST", "/account/users", Body.CREDENTIALS, Auth.USER, Set.of(200, 400, 401, 405, 413, 415)),
                new Route("GET", "/account/users", Body.NONE, Auth.USER, tokenRoute),
                new Route("DELETE", "/account/users/{id}", Body.NONE, Auth.USER, Set.of(200, 400, 401, 404, 405)),
                new Route("GET", "/sudogettoken/{accountId}", Body.NONE, Auth.ROOT, Set.of(200, 400, 401, 404, 405)),
                new Route("POST", "/v1/auth/signup", Body.CREDENTIALS, Auth.NONE, bodyRoute),
                new Route("POST", "/v1/auth/signin", Body.CREDENTIALS, Auth.NONE, bodyRoute),
                new Route("POST", "/v1/auth/refresh", Body.REFRESH, Auth.NONE, Set.of(200, 400, 401, 405, 409, 413, 415)),
                new Route("POST", "/v1/auth/signout", Body.NONE, Auth.USER, Set.of(204, 400, 401, 405)),
                new Route("GET", "/v1/me", Body.NONE, Auth.USER, tokenRoute),
                new Route("GET", "/v1/me/sessions", Body.NONE, Auth.USER, tokenRoute),
                new Route("DELETE", "/v1/me/sessions/{id}", Body.NONE, Auth.USER, Set.of(204, 400, 401, 404, 405)),
                new Route("GET", "/v1/account", Body.NONE, Auth.USER, tokenRoute),
                new Route("PATCH", "/v1/account", Body.NAME, Auth.USER, Set.of(200, 400, 401, 405, 413, 415)),
                new Route("GET", "/v1/account/users", Body.NONE, Auth.USER, Set.of(200, 400, 401, 405)),
                new Route("POST", "/v1/account/users", Body.NEW_USER, Auth.USER, Set.of(201, 400, 401, 405, 413, 415)),
                new Route("PATCH", "/v1/account/users/{id}", Body.ROLE, Auth.USER, Set.of(200, 400, 401, 405, 413, 415)),
                new Route("DELETE", "/v1/account/users/{id}", Body.NONE, Auth.USER, Set.of(204, 400, 401, 404, 405)),
                new Route("POST", "/v1/auth/introspect", Body.TOKEN, Auth.ROOT, Set.of(200, 400, 401, 405, 413, 415)),
                new Route("GET", "/v1/admin/users/{id}/sessions", Body.NONE, Auth.ROOT, Set.of(200, 400, 401, 404, 405)),
                new Route("DELETE", "/v1/admin/users/{id}/sessions", Body.NONE, Auth.ROOT, Set.of(200, 400, 401, 404, 405)),
                new Route("GET", "/v1/admin/api-keys", Body.NONE, Auth.ROOT, tokenRoute),
                new Route("POST", "/v1/admin/api-keys", Body.NEW_KEY, Auth.ROOT, Set.of(201, 400, 401, 405, 413, 415)),
                new Route("DELETE", "/v1/admin/api-keys/{key}", Body.NONE, Auth.ROOT, Set.of(204, 401, 404, 405)),
                new Route("POST", "/v1/tenants", Body.NEW_TENANT, Auth.OPERATOR, Set.of(201, 400, 401, 405, 413, 415)),
                new Route("GET", "/v1/tenants", Body.NONE, Auth.OPERATOR, tokenRoute),
                new Route("GET", "/.well-known/jwks.json", Body.NONE, Auth.NONE, Set.of(200, 401, 405)),
                new Route("GET", "/health/live", Body.NONE, Auth.NONE, Set.of(200, 405)),
                new Route("GET", "/health/ready", Body.NONE, Auth.NONE, Set.of(200, 405)));
    }

    /**
     * The route's own signed-in user (the admin of a new account): its current tokens, a spent refresh token,
     * its session ids, its user and account ids and, for the routes that take user ids, the users it added.
     */
    static final class Caller {
        private final String email;
        String accessToken;
        String refreshToken;
        String spentRefreshToken;
        String userId;
        String accountId;
        final List<String> sessionIds = new ArrayList<>();
        final List<String> memberIds = new ArrayList<>();
        /** The fuzzed tenant's API keys this route may revoke (never pk_fuzz itself, which every route uses). */
        final List<String> keys = new ArrayList<>();

        private Caller(String email) {
            this.email = email;
        }

        static Caller signUp(Route route) {
            Caller caller = new Caller("fuzz-" + Integer.toHexString(route.toString().hashCode()) + "@example.io");
            caller.take(server.postJson("/v1/auth/signup", caller.credentials(), "SB-PUBLIC-KEY", "pk_fuzz"), 201);
            for (int i = 0; i < 4; i++) {
                caller.signIn(); // sessions for the session routes to list and delete
            }
            if (route.path().contains("/users/{")) {
                for (int i = 0; i < 25; i++) { // users for the user routes to re-role and remove
                    caller.memberIds.add(addUser(caller.accessToken, "member" + i + "-" + caller.email));
                }
            }
            if (route.path().contains("/api-keys/{")) {
                RootAuthority root = new RootAuthority(fuzzedTenant);
                for (int i = 0; i < 30; i++) {
                    caller.keys.add(server.world.useCases.apiKeys()
                            .createSecretKey(root, "fuzz " + i, Set.of(Scope.USERS_READ)).key().id().toString());
                    caller.keys.add(server.world.useCases.apiKeys().createPublishableKey(root));
                }
            }
            return caller;
        }

        /** The token a request of this route presents when it means to be let in. */
        String token(Route route) {
            return switch (route.auth()) {
                case ROOT -> rootToken;
                case OPERATOR -> OPERATOR_TOKEN;
                default -> accessToken;
            };
        }

        /**
         * A credential that is good, but not here: a user's token on a root route, the root token elsewhere
         * (also on the operator routes).
         */
        String misplacedToken(Route route) {
            return route.auth() == Auth.ROOT ? accessToken : rootToken;
        }

        void signIn() {
            take(server.postJson("/v1/auth/signin", credentials(), "SB-PUBLIC-KEY", "pk_fuzz"), 200);
        }

        /** After a success that may have ended the caller's own session: signs in again if it did. */
        void keepSignedIn() {
            if (server.get("/v1/me", "SB-PUBLIC-KEY", "pk_fuzz", "Authorization", "Bearer " + accessToken)
                    .statusCode() == 401) {
                signIn();
            }
        }

        /** A refresh answered 200: its pair replaces the current one, whose refresh token is now spent. */
        void refreshed(HttpResponse<String> response) {
            spentRefreshToken = refreshToken;
            JsonNode body = parse(response.body(), "refresh");
            accessToken = body.get("accessToken").asText();
            refreshToken = body.get("refreshToken").asText();
        }

        private void take(HttpResponse<String> response, int status) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            JsonNode body = parse(response.body(), "sign-in");
            accessToken = body.get("accessToken").asText();
            refreshToken = body.get("refreshToken").asText();
            userId = body.get("user").get("id").asText();
            accountId = body.get("user").get("accountId").asText();
            HttpResponse<String> sessions = server.get("/v1/me/sessions", "SB-PUBLIC-KEY", "pk_fuzz",
                    "Authorization", "Bearer " + accessToken);
            parse(sessions.body(), "sessions").forEach(session -> {
                if (!sessionIds.contains(session.get("id").asText())) {
                    sessionIds.add(session.get("id").asText());
                }
            });
        }

        private String credentials() {
            return "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}";
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start(new FakeWorld(), config -> config.withOperatorToken(OPERATOR_TOKEN));
        fuzzedTenant = server.world.newTenant("pk_fuzz").id();
        rootToken = server.world.useCases.provisionTenant().rotateRootToken(fuzzedTenant);
        RootAuthority otherRoot = new RootAuthority(server.world.newTenant(OTHER_TENANT).id());
        foreignKeys.add(OTHER_TENANT);
        for (int i = 0; i < 3; i++) {
            foreignKeys.add(server.world.useCases.apiKeys().createSecretKey(otherRoot, "other", Scope.ALL).key().id().toString());
            foreignKeys.add(server.world.useCases.apiKeys().createPublishableKey(otherRoot));
        }
        for (String publicKey : List.of("pk_fuzz", OTHER_TENANT)) {
            HttpResponse<String> signedUp = server.postJson("/v1/auth/signup",
                    "{\"email\":\"stranger@example.io\",\"password\":\"correct horse\"}", "SB-PUBLIC-KEY", publicKey);
            assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(201);
            JsonNode body = parse(signedUp.body(), "stranger");
            foreignUserIds.add(body.get("user").get("id").asText());
            foreignAccountIds.add(body.get("user").get("accountId").asText());
            foreignUserIds.add(addUser(body.get("accessToken").asText(), "stranger-member@example.io", publicKey));
        }
        foreignAccountIds.remove(0); // the other account of the fuzzed tenant is the root token's to reach
    }

    /** Adds a user to the token holder's account at the fuzzed tenant; answers its id. */
    static String addUser(String token, String email) {
        return addUser(token, email, "pk_fuzz");
    }

    private static String addUser(String token, String email, String publicKey) {
        HttpResponse<String> added = server.postJson("/v1/account/users",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse\"}", "SB-PUBLIC-KEY", publicKey,
                "Authorization", "Bearer " + token);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return parse(added.body(), "added user").get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void hundredsOfMalformedRequestsGetClear4xxAnswersNever5xxNorStackTraces(Route route) {
        Random random = new Random(SEED ^ route.path().hashCode());
        Caller caller = Caller.signUp(route);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        int skipped = 0;
        int refusedCredentials = 0;
        for (int i = 0; i < REQUESTS_PER_ROUTE; i++) {
            BadRequest bad = generate(random, route, caller);
            HttpResponse<String> response;
            try {
                response = send(bad);
            } catch (java.io.UncheckedIOException e) {
                throw new AssertionError("request #" + i + " (" + bad.kind() + ") " + bad.method() + " "
                        + bad.pathAndQuery() + " " + bad.headers() + " body of " + (bad.body() == null ? 0 : bad.body().length)
                        + " bytes: no answer", e);
            } catch (IllegalArgumentException refusedByClient) {
                skipped++; // java.net.http would not send this header or method at all
                continue;
            }
            String where = "request #" + i + " (" + bad.kind() + ") " + bad.method() + " " + bad.pathAndQuery();
            check(route, bad, response, where);
            if (bad.mustBe401()) {
                assertThat(response.statusCode()).as(where + " " + bad.headers() + " -> " + response.body()).isEqualTo(401);
                refusedCredentials++;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            kinds.merge(bad.kind(), 1, Integer::sum);
            if (response.statusCode() / 100 == 2 && route.endsSessions()) {
                caller.keepSignedIn();
            } else if (response.statusCode() == 200 && route.body() == Body.REFRESH) {
                caller.refreshed(response);
            }
        }
        int answered = statuses.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%-22s statuses %s, kinds %s, skipped %d%n", route, statuses, kinds, skipped);
        assertThat(skipped).as("requests the client refused to send").isLessThan(REQUESTS_PER_ROUTE / 20);
        assertThat(answered).isGreaterThan(REQUESTS_PER_ROUTE * 9 / 10);
        assertThat(statuses.keySet()).as("statuses " + statuses).allMatch(status -> status < 500);
        int validation = count(statuses, 400) + count(statuses, 413) + count(statuses, 415);
        if (route.takesBody()) {
            assertThat(validation).as("validation answers among " + statuses + " for " + kinds).isGreaterThan(answered / 2);
        } else if (route.takesToken()) {
            assertThat(refusedCredentials).as("requests with a broken tenant or credential, all answered 401, among "
                    + statuses).isGreaterThan(answered / 3);
        }
        assertThat(statuses.keySet()).as("kinds of answers among " + statuses).containsAll(route.mustSee());
    }

    private static void check(Route route, BadRequest bad, HttpResponse<String> response, String where) {
        int status = response.statusCode();
        String body = response.body();
        assertThat(status).as(where + " -> " + body).isBetween(200, 499);
        for (String marker : STACK_TRACE_MARKERS) {
            assertThat(body).as(where).doesNotContain(marker);
        }
        if (status < 400 || bad.method().equals("HEAD")) {
            return;
        }
        assertThat(body).as(where + ": an error says what is wrong").isNotBlank();
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.equals("application/problem+json")) {
            assertThat(route.isNative()).as(where + ": problem+json only under /v1").isTrue();
            JsonNode problem = parse(body, where);
            assertThat(problem.path("type").asText()).as(where).startsWith("urn:gatehouse:problem:");
            assertThat(problem.path("status").asInt()).as(where).isEqualTo(status);
            assertThat(problem.path("detail").asText()).as(where).isNotBlank();
        } else {
            assertThat(contentType.replace(" ", "")).as(where + " content type").isEqualTo("text/plain;charset=utf-8");
            assertThat(body).as(where).endsWith("\n");
            if (route.isNative() && status != 431) {
                throw new AssertionError(where + ": a /v1 error answered in plain text: " + body);
            }
        }
    }

    // ---------------------------------------------------------------- generation

    private static BadRequest generate(Random random, Route route, Caller caller) {
        String path = path(random, route, caller);
        String token = caller.token(route);
        // an empty or dot id leads to another path (the list, or none), which may answer before authenticating
        boolean credentialsChecked = route.takesToken() && !path.endsWith("/") && !path.contains("//")
                && !path.endsWith("/%2e") && !path.contains("/%2e/");
        // a broken tenant is refused only where the credential needs one
        boolean tenantChecked = credentialsChecked && route.selectsTenant();
        if (route.takesBody()) {
            // routes that also take a token get it, good or bad, and now and then a request that should succeed
            int[] weights = route.takesToken() ? new int[] {45, 15, 12, 10, 10, 8, 8, 5} : new int[] {45, 15, 12, 10, 10, 8};
            return switch (pick(random, weights)) {
                case 0 -> jsonRequest(route, path, "body", badBody(random, route, caller), "application/json",
                        entry(route, token));
                case 1 -> jsonRequest(route, path, "content-type", validBody(random, route), badContentType(random),
                        entry(route, token));
                case 2 -> new BadRequest("tenant", route.method(), path, withContentType(withTokenIfTaken(route,
                        badTenantHeaders(random), token)), validBody(random, route), tenantChecked);
                case 3 -> new BadRequest("method", wrongMethod(random, route), path, withContentType(entry(route, token)),
                        validBody(random, route));
                case 4 -> new BadRequest("query", route.method(), path + oddQuery(random, route),
                        withContentType(entry(route, token)), badBody(random, route, caller));
                case 5 -> jsonRequest(route, path, "oversized", oversizedBody(random), "application/json", entry(route, token));
                case 6 -> {
                    String authorization = badAuthorization(random, token, caller.misplacedToken(route));
                    Map<String, String> headers = withContentType(tenantHeaders());
                    headers.put("Authorization", authorization);
                    yield new BadRequest("authorization", route.method(), path, headers, validBody(random, route),
                            credentialsChecked && !authorization.equalsIgnoreCase("Bearer " + token));
                }
                default -> jsonRequest(route, path, "valid", validBody(random, route), "application/json", entry(route, token));
            };
        }
        Map<String, String> headers = route.takesToken() ? tenantHeaders() : new LinkedHashMap<>();
        return switch (pick(random, route.takesToken() ? 50 : 10, 15, 15, 10, 10)) {
            case 0 -> {
                String authorization = badAuthorization(random, token, caller.misplacedToken(route));
                headers.put("Authorization", authorization);
                boolean broken = credentialsChecked && !authorization.equalsIgnoreCase("Bearer " + token);
                yield new BadRequest("authorization", route.method(), path, headers, null, broken);
            }
            case 1 -> new BadRequest("tenant", route.method(), path, withToken(badTenantHeaders(random), token), null,
                    tenantChecked);
            case 2 -> new BadRequest("method", wrongMethod(random, route), path, withToken(headers, token),
                    validBody(random, route));
            case 3 -> {
                headers.put("Content-Type", badContentType(random));
                yield new BadRequest("body-on-get", route.method(), path, withToken(headers, token),
                        badBody(random, route, caller));
            }
            default -> new BadRequest("query", route.method(), path + oddQuery(random, route), withToken(headers, token), null);
        };
    }

    /** The tenant's key and, on routes that take one, the caller's good token. */
    private static Map<String, String> entry(Route route, String token) {
        return withTokenIfTaken(route, tenantHeaders(), token);
    }

    private static Map<String, String> withTokenIfTaken(Route route, Map<String, String> headers, String token) {
        return route.takesToken() ? withToken(headers, token) : headers;
    }

    private static BadRequest jsonRequest(Route route, String path, String kind, byte[] body, String contentType,
                                          Map<String, String> headers) {
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new BadRequest(kind, route.method(), path, headers, body);
    }

    /**
     * The route's path with any {@code {...}} segment filled: one of the caller's own sessions, users or account,
     * another account's or tenant's, an id that exists nowhere, garbage, or no id at all.
     */
    private static String path(Random random, Route route, Caller caller) {
        int open = route.path().indexOf('{');
        if (open < 0) {
            return route.path();
        }
        String template = route.path().substring(open, route.path().indexOf('}') + 1);
        String id = switch (random.nextInt(route.path().startsWith("/v1/me/sessions/") ? 4 : 5)) {
            case 0 -> ownId(random, route, caller);
            case 1 -> UUID.randomUUID().toString();
            case 4 -> foreignId(random, route, caller);
            default -> pickOf(random, "not-a-uuid", "123", "", "%20", "%41%42", "%C3%A9", "%F0%9F%98%80", "a;b=c",
                    UUID.randomUUID().toString().toUpperCase(Locale.ROOT), UUID.randomUUID() + "0",
                    "00000000-0000-0000-0000-00000000000g", "%7B%7D", "x".repeat(1 + random.nextInt(3000)),
                    "null", "-1", "0x10", "%2e", "~", "$(id)");
        };
        return route.path().replace(template, id);
    }

    private static String ownId(Random random, Route route, Caller caller) {
        if (route.path().startsWith("/v1/me/sessions/")) {
            return caller.sessionIds.get(random.nextInt(caller.sessionIds.size()));
        }
        if (route.path().startsWith("/sudogettoken/")) {
            return caller.accountId;
        }
        if (route.path().contains("/api-keys/")) {
            return caller.keys.get(random.nextInt(caller.keys.size()));
        }
        return caller.memberIds.get(random.nextInt(caller.memberIds.size()));
    }

    /** The caller's own user id (the account's last admin), or an id the caller must not reach. */
    private static String foreignId(Random random, Route route, Caller caller) {
        if (route.path().startsWith("/sudogettoken/")) {
            return foreignAccountIds.get(random.nextInt(foreignAccountIds.size()));
        }
        if (route.path().contains("/api-keys/")) {
            return foreignKeys.get(random.nextInt(foreignKeys.size()));
        }
        return random.nextInt(4) == 0 ? caller.userId : foreignUserIds.get(random.nextInt(foreignUserIds.size()));
    }

    private static byte[] badBody(Random random, Route route, Caller caller) {
        return switch (route.body()) {
            case REFRESH -> badRefreshBody(random, caller);
            case NAME -> random.nextBoolean() ? badBody(random) : badFieldBody(random, "name");
            case ROLE -> random.nextBoolean() ? badBody(random) : badFieldBody(random, "role");
            case NEW_USER -> random.nextInt(4) == 0 ? badFieldBody(random, "role") : badBody(random);
            case TOKEN -> random.nextBoolean() ? badBody(random) : badFieldBody(random, "token");
            case NEW_KEY -> switch (random.nextInt(3)) {
                case 0 -> badBody(random);
                case 1 -> badFieldBody(random, "type");
                default -> badKeyBody(random);
            };
            case NEW_TENANT -> switch (random.nextInt(3)) {
                case 0 -> badBody(random);
                case 1 -> badFieldBody(random, "name");
                default -> badTenantBody(random);
            };
            default -> badBody(random);
        };
    }

    /** Key requests with a good type but bad names or scopes. */
    private static byte[] badKeyBody(Random random) {
        String text = switch (random.nextInt(8)) {
            case 0 -> "{\"type\":\"secret\",\"scopes\":" + wrongTypeValue(random) + "}";
            case 1 -> "{\"type\":\"secret\",\"scopes\":[" + pickOf(random, "\"users:delete\"", "\"USERS:READ\"", "\"\"",
                    "null", "42", "[\"users:read\"]", "{}", "\"users:read\",1", "\"\\ud800\"", "\"" + "s".repeat(5000) + "\"") + "]}";
            case 2 -> "{\"type\":\"secret\",\"scopes\":[]}";
            case 3 -> "{\"type\":\"secret\",\"scopes\":" + nested(random, 1 + random.nextInt(200)) + "}";
            case 4 -> "{\"type\":\"secret\",\"name\":\"" + "k".repeat(101 + random.nextInt(60_000)) + "\"}";
            case 5 -> "{\"type\":\"secret\",\"name\":" + pickOf(random, "\"a\\u0000b\"", "\"\\u001b[31m\"", "42", "[]",
                    "\"\\udc00\"") + "}";
            case 6 -> "{\"type\":\"publishable\"," + pickOf(random, "\"name\":\"web\"", "\"scopes\":[\"users:read\"]",
                    "\"scopes\":[]") + "}";
            default -> "{\"type\":\"secret\",\"scopes\":[\"users:read\"],\"scopes\":[\"keys:admin\"]}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Tenant requests with a good name but a bad owner. */
    private static byte[] badTenantBody(Random random) {
        String text = switch (random.nextInt(6)) {
            case 0 -> "{\"name\":\"Acme\",\"ownerEmail\":" + wrongTypeValue(random) + "}";
            case 1 -> "{\"name\":\"Acme\",\"ownerEmail\":\"" + oddUnicode(random) + "\"}";
            case 2 -> "{\"name\":\"Acme\",\"ownerEmail\":\"" + printableWithoutQuotes(random, random.nextInt(40)) + "\"}";
            case 3 -> "{\"name\":\"Acme\",\"ownerEmail\":\"o@example.io\",\"ownerPassword\":" + pickOf(random, "\"\"",
                    "\"short\"", "42", "[]", "\"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\"",
                    "\"" + "p".repeat(73 + random.nextInt(1000)) + "\"") + "}";
            case 4 -> "{\"name\":\"" + pickOf(random, "", " ", "a\\u0007b", "x".repeat(101)) + "\",\"ownerEmail\":\"o@example.io\"}";
            default -> "{\"name\":\"Acme\",\"ownerEmail\":\"a@b.io\",\"ownerEmail\":\"c@d.io\"}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bodies whose one field ({@code name} or {@code role}) is missing, mistyped, odd, huge or given twice. */
    private static byte[] badFieldBody(Random random, String field) {
        String valid = "{\"" + field + "\":\"" + (field.equals("role") ? "user" : "Team") + "\"}";
        String text = switch (random.nextInt(10)) {
            case 0 -> "{\"" + field + "\":" + wrongTypeValue(random) + "}";
            case 1 -> "{\"" + field + "\":" + nested(random, 1 + random.nextInt(200)) + "}";
            case 2 -> "{\"" + field + "\":\"" + "x".repeat(201 + random.nextInt(60_000)) + "\"}";
            case 3 -> "{\"" + field + "\":\"" + oddUnicode(random) + "\"}";
            case 4 -> "{\"" + field + "\":\"a\",\"" + field + "\":\"b\"}";
            case 5 -> pickOf(random, "{}", "{\"" + field + "\":null}", "{\"" + field.toUpperCase(Locale.ROOT) + "\":\"user\"}");
            case 6 -> "{\"" + field + "\":\"" + pickOf(random, "ROOT", "admin", "", " ", "50", "account admin", "\\u0000",
                    "a\\nb", "\\u001b[31m", "root") + "\"}";
            case 7 -> valid.substring(0, random.nextInt(valid.length()));
            case 8 -> valid + pickOf(random, "x", "}", ",", "{}");
            default -> "{\"extra\":" + nested(random, 20 + random.nextInt(500)) + "}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] badBody(Random random) {
        String valid = validJson(random);
        String text = switch (random.nextInt(16)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length())); // truncated
            case 1 -> null; // random bytes, mostly invalid UTF-8
            case 2 -> printable(random, 1 + random.nextInt(200));
            case 3 -> pickOf(random, "[]", "[{\"email\":\"a@b.io\"}]", "42", "-1.5e300", "\"just a string\"", "true", "false",
                    "null", " ", "\n\t ");
            case 4 -> "{\"email\":" + wrongTypeValue(random) + ",\"password\":\"correct horse\"}";
            case 5 -> "{\"email\":\"ok@example.io\",\"password\":" + wrongTypeValue(random) + "}";
            case 6 -> pickOf(random, "{}", "{\"email\":\"only@example.io\"}", "{\"password\":\"only password\"}",
                    "{\"e-mail\":\"a@b.io\",\"pass\":\"x\"}");
            case 7 -> "{\"email\":" + nested(random, 1 + random.nextInt(200)) + ",\"password\":\"x\"}";
            case 8 -> "{\"extra\":" + nested(random, 20 + random.nextInt(500)) + "}";
            case 9 -> "{\"email\":\"" + "a".repeat(250 + random.nextInt(60_000)) + "@example.io\",\"password\":\"x\"}";
            case 10 -> "{\"email\":\"huge@example.io\",\"password\":\"" + "p".repeat(73 + random.nextInt(60_000)) + "\"}";
            case 11 -> "{\"email\":\"" + oddUnicode(random) + "\",\"password\":\"" + oddUnicode(random) + "\"}";
            case 12 -> "{\"email\":\"dup@example.io\",\"email\":\"dup2@example.io\",\"password\":\"correct horse\"}";
            case 13 -> valid + pickOf(random, "x", "}", ",", "{}", "[1]", "\"tail\"", "// comment");
            case 14 -> pickOf(random, "", "{'email':'a@b.io'}", "{\"email\":NaN}", "{\"email\":01}", "{email:\"a@b.io\"}",
                    "{\"email\":\"a@b.io\",}", "{\"email\" \"a@b.io\"}", "/* c */ {}", "{\"a\":\"\u0001\"}",
                    "{\"email\":\"tab\there@x.io\"}", "{\"email\":\"\\uZZZZ\"}");
            default -> "{\"email\":\"" + printableWithoutQuotes(random, random.nextInt(40)) + "\",\"password\":\"short\"}";
        };
        if (text == null) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Refresh bodies: broken ones, wrongly typed and odd tokens, and now and then the live or a spent token. */
    private static byte[] badRefreshBody(Random random, Caller caller) {
        String valid = validRefreshJson(random);
        String text = switch (random.nextInt(16)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length()));
            case 1 -> null;
            case 2 -> printable(random, 1 + random.nextInt(200));
            case 3 -> pickOf(random, "[]", "[{\"refreshToken\":\"x\"}]", "42", "\"just a string\"", "true", "null", " ");
            case 4 -> "{\"refreshToken\":" + wrongTypeValue(random) + "}";
            case 5 -> pickOf(random, "{}", "{\"refresh_token\":\"x\"}", "{\"token\":\"x\"}", "{\"refreshToken\":null}",
                    "{\"RefreshToken\":\"x\"}");
            case 6 -> "{\"refreshToken\":" + nested(random, 1 + random.nextInt(200)) + "}";
            case 7 -> "{\"extra\":" + nested(random, 20 + random.nextInt(500)) + ",\"refreshToken\":\"x\"}";
            case 8 -> "{\"refreshToken\":\"" + "r".repeat(150 + random.nextInt(60_000)) + "\"}";
            case 9 -> "{\"refreshToken\":\"" + oddUnicode(random) + "\"}";
            case 10 -> "{\"refreshToken\":\"a\",\"refreshToken\":\"b\"}";
            case 11 -> valid + pickOf(random, "x", "}", ",", "{}", "[1]", "\"tail\"", "// comment");
            case 12 -> pickOf(random, "", "{'refreshToken':'x'}", "{\"refreshToken\":NaN}", "{refreshToken:\"x\"}",
                    "{\"refreshToken\":\"x\",}", "{\"refreshToken\" \"x\"}", "{\"refreshToken\":\"\\uZZZZ\"}");
            case 13 -> "{\"refreshToken\":\"" + caller.refreshToken + "\"}";
            case 14 -> "{\"refreshToken\":\"" + (caller.spentRefreshToken == null ? caller.refreshToken
                    : caller.spentRefreshToken) + "\"}";
            default -> "{\"refreshToken\":\"" + printableWithoutQuotes(random, random.nextInt(100)) + "\"}";
        };
        if (text == null) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String validRefreshJson(Random random) {
        return "{\"refreshToken\":\"rt-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "\"}";
    }

    private static String validJson(Random random) {
        return "{\"email\":\"user" + random.nextInt(1_000_000) + "@example.io\",\"password\":\"pw-" + random.nextInt() + "\"}";
    }

    private static byte[] validBody(Random random, Route route) {
        String json = switch (route.body()) {
            case REFRESH -> validRefreshJson(random);
            case NAME -> "{\"name\":\"Team " + random.nextInt(1000) + "\"}";
            case ROLE -> "{\"role\":\"" + pickOf(random, "user", "account_admin") + "\"}";
            case NEW_USER -> random.nextBoolean() ? validJson(random)
                    : validJson(random).replace("}", ",\"role\":\"" + pickOf(random, "user", "account_admin") + "\"}");
            case TOKEN -> "{\"token\":\"eyJ" + Long.toHexString(random.nextLong()) + "." + Long.toHexString(random.nextLong()) + "\"}";
            case NEW_KEY -> pickOf(random, "{\"type\":\"publishable\"}", "{\"type\":\"secret\"}",
                    "{\"type\":\"secret\",\"name\":\"fuzz\",\"scopes\":[\"users:read\",\"tokens:introspect\"]}");
            case NEW_TENANT -> "{\"name\":\"Fuzz " + random.nextInt(1000) + "\",\"ownerEmail\":\"owner" + random.nextInt(1_000_000)
                    + "@example.io\"" + (random.nextBoolean() ? ",\"ownerPassword\":\"correct horse\"}" : "}");
            default -> validJson(random);
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oversizedBody(Random random) {
        int size = HttpConfig.DEFAULT_MAX_BODY_BYTES + 1 + random.nextInt(200_000);
        return ("{\"email\":\"a@b.io\",\"password\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String wrongTypeValue(Random random) {
        return pickOf(random, "42", "-0.0", "1e999", "true", "false", "[]", "[\"a@b.io\"]", "{}", "{\"value\":\"a@b.io\"}",
                "[[[[[]]]]]", "123456789012345678901234567890");
    }

    private static String nested(Random random, int depth) {
        String open = random.nextBoolean() ? "[" : "{\"n\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private static String oddUnicode(Random random) {
        return pickOf(random, "\\ud800@example.io", "a\\udc00b@example.io", "\\u0000@example.io", "😀@example.io",
                "user@😀.io", "\u202Eevil@example.io", "ä@ß.de", "\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000",
                "\uFEFF", "\\ud83d\\ude00\\ud83d", "zero\u200Bwidth@example.io", "ｆｕｌｌ@ｗｉｄｔｈ.io", "x".repeat(10) + "\\uDBFF");
    }

    private static String badContentType(Random random) {
        return pickOf(random, null, "", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/json; charset=utf-16",
                "application/jsonp", "json", "*/*", "application/json;;;", "application/json; charset=\"UTF-8\"",
                "APPLICATION/JSON", "application/json ; charset", "text/json", "application/problem+json",
                "application/json; charset=" + "x".repeat(500));
    }

    private static Map<String, String> badTenantHeaders(Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(6)) {
            case 0 -> { }
            case 1 -> headers.put("SB-PUBLIC-KEY", "pk_unknown_" + random.nextInt(1000));
            case 2 -> headers.put("SB-PUBLIC-KEY", printable(random, 1 + random.nextInt(400)));
            case 3 -> headers.put("SB-PUBLIC-KEY", " ");
            case 4 -> headers.put("X-API-Key", "pk_" + printable(random, 10));
            default -> headers.put("SB-PUBLIC-KEY", "pk_fuzz" + "\u00e9\u00ff");
        }
        return headers;
    }

    private static String badAuthorization(Random random, String token, String misplaced) {
        return pickOf(random, "", "Bearer", "Bearer ", "bearer " + token, "Bearer " + token, "Basic dXNlcjpwYXNz",
                "Bearer " + misplaced, "Basic " + token,
                "Bearer " + printable(random, random.nextInt(3000)), "Bearer  " + token + " x", "Token " + token,
                printable(random, 1 + random.nextInt(100)), "Bearer " + token.substring(0, token.length() - 1),
                "Bearer " + "\u00ff".repeat(20), "Bearer fake-token-00000000-0000-0000-0000-000000000000");
    }

    private static String wrongMethod(Random random, Route route) {
        List<String> methods = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
                "PROPFIND", "FOO"));
        methods.remove(route.method());
        if (route.method().equals("GET")) {
            methods.remove("HEAD");
        }
        return methods.get(random.nextInt(methods.size()));
    }

    private static String oddQuery(Random random, Route route) {
        if (route.path().equals("/v1/account/users") && route.method().equals("GET") && random.nextBoolean()) {
            return pickOf(random, "?limit=0", "?limit=101", "?limit=-1", "?limit=abc", "?limit=", "?limit=%zz",
                    "?limit=" + "9".repeat(50), "?limit=2&limit=x", "?limit=50", "?limit=1", "?cursor=x", "?cursor=",
                    "?cursor=" + "A".repeat(3000), "?cursor=%00", "?role=admin", "?role=", "?role=user", "?role=root",
                    "?emailPrefix=%00", "?emailPrefix=member", "?emailPrefix=" + "e".repeat(300), "?emailPrefix=%25_",
                    "?emailPrefix=%C3%A9", "?role=account_admin&limit=3&emailPrefix=m");
        }
        if (route.path().equals("/v1/auth/signout") && random.nextBoolean()) {
            return pickOf(random, "?scope=current", "?scope=others", "?scope=all", "?scope=", "?scope", "?scope=ALL",
                    "?scope=all&scope=current", "?scope=%00", "?scope=%C3%A9", "?scope=" + "x".repeat(5000),
                    "?Scope=all", "?scope=all%20", "?scope=current;others");
        }
        return pickOf(random, "?", "?sbpk=", "?sbpk=%zz", "?sbpk=%C3%28", "?sbpk=pk_fuzz&sbpk=other", "?a=1&a=2&%00=%00",
                "?" + "x".repeat(2000), "?sbpk=" + "%41".repeat(300), "?&&&=&=", "?sbpk=%F0%9F%98%80", "?e=%E2%80%AE");
    }

    private static Map<String, String> tenantHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("SB-PUBLIC-KEY", "pk_fuzz");
        return headers;
    }

    private static Map<String, String> withContentType(Map<String, String> headers) {
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static Map<String, String> withToken(Map<String, String> headers, String token) {
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    private static String printableWithoutQuotes(Random random, int length) {
        return printable(random, length).replace("\"", "'").replace("\\", "/");
    }

    private static int count(Map<Integer, Integer> statuses, int status) {
        return statuses.getOrDefault(status, 0);
    }

    private static JsonNode parse(String body, String where) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + ": problem body is not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> send(BadRequest bad) {
        HttpRequest.Builder request = server.request(bad.pathAndQuery());
        bad.headers().forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        request.method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        return server.send(request);
    }
}
