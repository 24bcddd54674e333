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
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * Seeded fuzzing of EVERY route the HTTP API serves: the routes come from {@link HttpApi#routeTable}, so a route
 * added later is fuzzed without touching this test. Each route gets its own tenant (so that a route that changes
 * settings, disables users or ends sessions disturbs no other), whose rate limits are raised through
 * {@code PATCH /v1/admin/settings}, and its own signed-in user with members, sessions and API keys to aim at.
 * Cases: valid-looking requests, the same with mutated bytes, hostile field values (huge, empty, unicode, nested,
 * mistyped), bad and missing headers and credentials, odd content types, odd query strings, wrong methods, empty
 * and oversized bodies. Nothing may answer 5xx or show a stack trace; errors say something in the route family's
 * form. Status codes are counted so that a blanket refusal cannot pass: at most 1% may be 429, and most answers
 * to body routes must be input validation (400, 413, 415).
 *
 * <p>{@code -Dgatehouse.fuzz.cases=N} (default 20,000) sets the total, {@code -Dgatehouse.fuzz.seed=S} the seed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteFuzzIT {
    private static final long SEED = Long.getLong("gatehouse.fuzz.seed", 0x6A7E_F022L);
    private static final int CASES = Integer.getInteger("gatehouse.fuzz.cases", 20_000);
    private static final String OPERATOR_TOKEN = "op_routefuzz_0123456789abcdef";
    private static final String PASSWORD = "correct horse";
    private static final String REDIRECT = "https://app.example.com/callback";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STACK_TRACE_MARKERS = List.of(
            "Exception", "\tat ", "at dev.", "at io.", "at java.", "at org.", "Caused by", "java.lang.", "<html");
    /** Every field name any route reads, so that generated bodies often reach a route's own validation. */
    private static final List<String> FIELDS = List.of("accountId", "body", "code", "currentPassword", "email",
            "fromEmail", "fromName", "link", "name", "newPassword", "ownerEmail", "ownerPassword", "password",
            "redirectUrl", "refreshToken", "role", "scopes", "status", "subject", "token", "type",
            "allowedOrigins", "passwordPolicy", "rateLimits", "requireEmailVerification", "trustedProxies");
    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "role", "status", "emailPrefix",
            "accountId", "scope", "code", "email", "e", "sbpk", "redirectUrl");

    private static TestServer server;
    private static List<Map.Entry<String, String>> routes;
    private static final Map<Integer, AtomicInteger> totals = new TreeMap<>();
    private static final AtomicInteger bodyRouteCases = new AtomicInteger();
    private static final AtomicInteger bodyRouteValidation = new AtomicInteger();
    private static final AtomicInteger skipped = new AtomicInteger();
    private static final AtomicInteger reconnects = new AtomicInteger();
    private static long started;

    @BeforeAll
    static void start() {
        FakeWorld world = FakeWorld.withRateLimits();
        server = TestServer.start(world, config -> config.withOperatorToken(OPERATOR_TOKEN));
        routes = new ArrayList<>();
        TestServices.from(world.useCases).routeTable(HttpConfig.defaults().withOperatorToken(OPERATOR_TOKEN))
                .forEach((path, methods) -> methods.forEach(method -> routes.add(Map.entry(method, path))));
        started = System.nanoTime();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** One dynamic test per route and method; a failure names the route, the case and the seed. */
    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyRouteAnswersEveryGeneratedRequestWithoutA5xxOrAStackTrace() {
        // a few cases per hundred are ones the HTTP client refuses to send: generate enough that CASES are answered
        int perRoute = Math.max(100, (int) Math.ceil(CASES * 1.02 / routes.size()));
        return routes.stream().map(route -> DynamicTest.dynamicTest(route.getKey() + " " + route.getValue(),
                () -> fuzz(route.getKey(), route.getValue(), perRoute)));
    }

    @Test
    @Order(2)
    void theRunWasLargeAndMostlyReachedInputValidationNotTheRateLimiter() {
        int total = totals.values().stream().mapToInt(AtomicInteger::get).sum();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("route fuzz: %d cases over %d routes in %.1f s (seed %d), statuses %s, skipped %d, resent %d%n",
                total, routes.size(), seconds, SEED, totals, skipped.get(), reconnects.get());
        assertThat(total).as("cases answered").isGreaterThanOrEqualTo(CASES);
        assertThat(count(429)).as("rate-limited answers among " + totals).isLessThanOrEqualTo(total / 100);
        assertThat(bodyRouteValidation.get()).as("input-validation answers (400, 413, 415) to body routes, of "
                + bodyRouteCases.get()).isGreaterThan(bodyRouteCases.get() * 2 / 5);
        assertThat(skipped.get()).as("cases the HTTP client refused to send").isLessThan(total / 50);
        assertThat(reconnects.get()).as("cases sent again on a fresh connection").isLessThan(total / 100);
    }

    private static int count(int status) {
        AtomicInteger n = totals.get(status);
        return n == null ? 0 : n.get();
    }

    // ------------------------------------------------------------------ one route

    private static void fuzz(String method, String template, int cases) {
        Random random = new Random(SEED ^ (method + " " + template).hashCode());
        Target target = Target.create(method + " " + template);
        boolean bodyRoute = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < cases; i++) {
            if (i % 40 == 39) {
                target.keepSignedIn();
            }
            Case c = generate(random, method, template, target);
            String where = "seed " + SEED + ", case #" + i + " (" + c.kind() + ") " + c.method() + " " + c.pathAndQuery()
                    + " headers " + abbreviate(c.headers().toString()) + " body " + describe(c.body());
            HttpResponse<String> response;
            try {
                response = send(c);
            } catch (IllegalArgumentException refusedByClient) {
                skipped.incrementAndGet();
                continue;
            } catch (UncheckedIOException closedUnderUs) {
                // A connection the server closed after its previous answer (which said so) can still be picked by
                // the client's pool; a fresh connection must then answer. Counted, and bounded below.
                reconnects.incrementAndGet();
                try {
                    response = send(c);
                } catch (UncheckedIOException e) {
                    throw new AssertionError(where + ": no answer, twice", e);
                }
            }
            check(template, c, response, where);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            totals.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (bodyRoute && c.method().equals(method)) {
                bodyRouteCases.incrementAndGet();
                int status = response.statusCode();
                if (status == 400 || status == 413 || status == 415) {
                    bodyRouteValidation.incrementAndGet();
                }
            }
        }
        System.out.printf("%-7s %-40s %s%n", method, template, statuses);
        assertThat(statuses.keySet()).as(method + " " + template + ": answers past the door (not only 401/404/405/429), "
                + statuses).anyMatch(status -> !Set.of(401, 404, 405, 429).contains(status));
        assertThat(statuses.getOrDefault(429, 0)).as(method + " " + template + " " + statuses).isLessThanOrEqualTo(cases / 50);
    }

    private static void check(String template, Case c, HttpResponse<String> response, String where) {
        int status = response.statusCode();
        String body = response.body();
        assertThat(status).as(where + " -> " + abbreviate(body)).isBetween(200, 499);
        // The API reference's page and files (GET /docs, /docs/{asset}) are HTML and JavaScript by design.
        boolean apiReference = status == 200 && c.pathAndQuery().matches("/docs(/[^?]*)?(\\?.*)?");
        // A provider's redirect back lands in a browser: its refusals are small HTML pages by design.
        boolean signInPage = c.pathAndQuery().matches("(/v1/auth)?/oauth/callback(\\?.*)?")
                && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
        for (String marker : apiReference ? List.<String>of() : STACK_TRACE_MARKERS) {
            if (signInPage && marker.equals("<html")) {
                continue;
            }
            assertThat(body).as(where + ": no stack trace").doesNotContain(marker);
        }
        assertThat(response.headers().firstValue("X-Request-Id")).as(where + ": request id").isPresent();
        if (status < 400 || c.method().equals("HEAD")) {
            return;
        }
        assertThat(body).as(where + ": an error says what is wrong").isNotBlank();
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean nativeRoute = c.pathAndQuery().startsWith("/v1/") || c.pathAndQuery().equals("/v1");
        if (contentType.startsWith("application/problem+json")) {
            assertThat(nativeRoute).as(where + ": problem+json only under /v1").isTrue();
            JsonNode problem = parse(body, where);
            assertThat(problem.path("type").asText()).as(where).startsWith("urn:gatehouse:problem:");
            assertThat(problem.path("status").asInt()).as(where).isEqualTo(status);
            assertThat(problem.path("detail").asText()).as(where).isNotBlank();
        } else if (signInPage) {
            assertThat(contentType.replace(" ", "")).as(where + " content type").isEqualTo("text/html;charset=utf-8");
        } else {
            assertThat(contentType.replace(" ", "")).as(where + " content type").isEqualTo("text/plain;charset=utf-8");
            // Requests Jetty refuses before any route runs (an undecodable path such as %00, oversized headers) are
            // answered in plain text whatever the path, by PlainTextErrorHandler: its body is the bare status reason,
            // where a route's plain-text error says what is wrong.
            boolean refusedBeforeRouting = body.equals(
                    org.eclipse.jetty.http.HttpStatus.getMessage(status).toLowerCase(Locale.ROOT) + "\n");
            if (nativeRoute && !refusedBeforeRouting) {
                throw new AssertionError(where + ": a /v1 error in plain text: " + body);
            }
        }
        if (status == 429) {
            assertThat(response.headers().firstValue("Retry-After")).as(where).isPresent();
        }
    }

    // ------------------------------------------------------------------ the route's world

    /** The route's own tenant (limits raised), its root token, a signed-in user with members, sessions and keys. */
    static final class Target {
        final String publicKey;
        final String rootToken;
        final String email;
        String accessToken;
        String refreshToken;
        String userId;
        String accountId;
        final List<String> ids = new ArrayList<>();

        private Target(String publicKey, String rootToken, String email) {
            this.publicKey = publicKey;
            this.rootToken = rootToken;
            this.email = email;
        }

        static Target create(String route) {
            String publicKey = "pk_rf_" + Integer.toHexString(route.hashCode());
            TenantId tenant = server.world.newTenant(publicKey).id();
            String root = server.world.useCases.provisionTenant().rotateRootToken(tenant);
            Target target = new Target(publicKey, root, "owner-" + Integer.toHexString(route.hashCode()) + "@example.io");
            target.raiseRateLimits();
            HttpResponse<String> signedUp = server.postJson("/v1/auth/signup",
                    "{\"email\":\"" + target.email + "\",\"password\":\"" + PASSWORD + "\"}", "SB-PUBLIC-KEY", publicKey);
            assertThat(signedUp.statusCode()).as(signedUp.body()).isEqualTo(201);
            target.take(parse(signedUp.body(), "sign-up"));
            target.ids.add(target.userId);
            target.ids.add(target.accountId);
            for (int i = 0; i < 3; i++) {
                target.signIn();
            }
            for (JsonNode session : parse(target.get("/v1/me/sessions").body(), "sessions")) {
                target.ids.add(session.get("id").asText());
            }
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> added = server.postJson("/v1/account/users", "{\"email\":\"m" + i + "-" + target.email
                        + "\",\"password\":\"" + PASSWORD + "\"}", "SB-PUBLIC-KEY", publicKey,
                        "Authorization", "Bearer " + target.accessToken);
                assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
                target.ids.add(parse(added.body(), "member").get("id").asText());
            }
            RootAuthority authority = new RootAuthority(tenant);
            for (int i = 0; i < 4; i++) {
                target.ids.add(server.world.useCases.apiKeys().createSecretKey(authority, "fuzz " + i,
                        Set.of(Scope.USERS_READ)).key().id().toString());
                target.ids.add(server.world.useCases.apiKeys().createPublishableKey(authority));
            }
            return target;
        }

        /** Through the settings API, as a tenant owner would: every limit far above what the fuzz sends. */
        private void raiseRateLimits() {
            StringBuilder limits = new StringBuilder();
            for (String kind : List.of("loginPerIp", "loginPerAccount", "signupPerIp", "recoveryPerIp",
                    "recoveryPerAccount", "codePerIp", "codePerAccount", "tenantUnauthenticated", "failedLoginsPerAccount",
                    "signupNoticesPerAccount", "userAdditionsPerActor", "userAdditionsPerTenant", "mfaCodesPerUser",
                    "oauthPerIp", "exportsPerUser")) {
                limits.append(limits.isEmpty() ? "" : ",").append('"').append(kind)
                        .append("\":{\"limit\":1000000,\"windowSeconds\":60}");
            }
            HttpRequest.Builder patch = server.request("/v1/admin/settings")
                    .header("Content-Type", "application/json").header("SB-PUBLIC-KEY", publicKey)
                    .header("Authorization", "Bearer " + rootToken)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"rateLimits\":{" + limits
                            + "},\"allowedRedirectUrls\":[\"" + REDIRECT + "\"]}"));
            HttpResponse<String> patched = server.send(patch);
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertThat(patched.body()).contains("\"tenantUnauthenticated\":{\"limit\":1000000");
        }

        void signIn() {
            HttpResponse<String> response = server.postJson("/v1/auth/signin",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", "SB-PUBLIC-KEY", publicKey);
            if (response.statusCode() == 200) {
                take(parse(response.body(), "sign-in"));
            }
        }

        /** A case may have ended the session, disabled the user or changed the password: sign in again if possible. */
        void keepSignedIn() {
            if (get("/v1/me").statusCode() != 200) {
                signIn();
            }
        }

        HttpResponse<String> get(String path) {
            return server.get(path, "SB-PUBLIC-KEY", publicKey, "Authorization", "Bearer " + accessToken);
        }

        private void take(JsonNode body) {
            accessToken = body.get("accessToken").asText();
            refreshToken = body.get("refreshToken").asText();
            userId = body.get("user").get("id").asText();
            accountId = body.get("user").get("accountId").asText();
        }
    }

    // ------------------------------------------------------------------ generation

    record Case(String kind, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    }

    private static Case generate(Random random, String method, String template, Target target) {
        String path = fillPath(random, template, target);
        Map<String, String> headers = goodHeaders(random, template, target);
        return switch (pick(random, 34, 18, 16, 10, 8, 6, 8)) {
            case 0 -> new Case("valid", method, path, json(headers), validBody(random, target));
            case 1 -> new Case("mutated", method, path, json(headers), mutate(random, validBody(random, target)));
            case 2 -> new Case("hostile", method, path, json(headers), hostileBody(random));
            case 3 -> new Case("headers", method, path, badHeaders(random, headers, target), validBody(random, target));
            case 4 -> new Case("query", method, path + oddQuery(random, target), json(headers), validBody(random, target));
            case 5 -> new Case("method", wrongMethod(random, method), path, json(headers), validBody(random, target));
            default -> new Case("size", method, path, json(headers), random.nextBoolean() ? new byte[0]
                    : ("{\"email\":\"" + "x".repeat(HttpConfig.DEFAULT_MAX_BODY_BYTES + random.nextInt(100_000))
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        };
    }

    private static Map<String, String> json(Map<String, String> headers) {
        headers.putIfAbsent("Content-Type", "application/json");
        return headers;
    }

    /** The tenant's key and the credential the route most likely wants (the others are tried among bad headers). */
    private static Map<String, String> goodHeaders(Random random, String template, Target target) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(random.nextInt(4) == 0 ? "X-API-Key" : "SB-PUBLIC-KEY", target.publicKey);
        String token;
        if (template.startsWith("/v1/tenants")) {
            token = OPERATOR_TOKEN;
        } else if (template.startsWith("/v1/admin") || template.startsWith("/sudogettoken")
                || template.equals("/v1/auth/introspect") || template.equals("/password/resetcode")) {
            token = target.rootToken;
        } else {
            token = target.accessToken;
        }
        if (random.nextInt(8) != 0) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.put("X-Forwarded-For", "203.0.113." + random.nextInt(256)); // ignored: no proxy is trusted here
        return headers;
    }

    private static Map<String, String> badHeaders(Random random, Map<String, String> good, Target target) {
        Map<String, String> headers = new LinkedHashMap<>(good);
        switch (random.nextInt(10)) {
            case 0 -> headers.remove("SB-PUBLIC-KEY");
            case 1 -> headers.put("SB-PUBLIC-KEY", pickOf(random, "pk_unknown", " ", "pk_" + printable(random, 300),
                    target.publicKey + "\u00e9", target.rootToken));
            case 2 -> headers.put("Authorization", pickOf(random, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
                    "Bearer " + target.rootToken, "Bearer " + target.accessToken, "Bearer " + OPERATOR_TOKEN,
                    "Bearer " + target.refreshToken, "bearer " + target.accessToken, "Bearer " + printable(random, 2000),
                    "Bearer " + target.accessToken.substring(1), "Token x", "Bearer \u00ff\u00fe"));
            case 3 -> headers.put("Content-Type", pickOf(random, "", "text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
                    "application/json; charset=utf-16", "application/jsonp", "*/*", "application/json;;;",
                    "APPLICATION/JSON", "application/problem+json", "application/json; charset=" + "x".repeat(300)));
            case 4 -> headers.remove("Content-Type");
            case 5 -> headers.put("X-Request-Id", pickOf(random, "", "ok-id-1", "x".repeat(200), "bad id\u00e9", "../../etc"));
            case 6 -> headers.put("Origin", pickOf(random, "https://evil.example", "null", "*", "https://a.example/p?x",
                    "http://[::1]:80", "x".repeat(300)));
            case 7 -> headers.put("Accept", pickOf(random, "text/html", "application/xml", "*/*", "", "application/json;q=0"));
            case 8 -> headers.put("X-Forwarded-For", pickOf(random, "", "not-an-ip", "1.2.3.4, 5.6.7.8", "::1",
                    "[2001:db8::1]:443", "999.1.1.1", printable(random, 200)));
            default -> headers.put("User-Agent", printable(random, 1 + random.nextInt(2000)));
        }
        return headers;
    }

    /** Path parameters: the target's own ids (users, account, sessions, keys), unknown ids, or garbage. */
    private static String fillPath(Random random, String template, Target target) {
        String path = template;
        while (path.contains("{")) {
            int open = path.indexOf('{');
            int close = path.indexOf('}', open);
            String value = switch (random.nextInt(6)) {
                case 0, 1, 2 -> target.ids.get(random.nextInt(target.ids.size()));
                case 3 -> UUID.randomUUID().toString();
                default -> pickOf(random, "not-a-uuid", "123", "%20", "%C3%A9", "%F0%9F%98%80", "a;b=c", "null", "-1",
                        "00000000-0000-0000-0000-00000000000g", "%7B%7D", "x".repeat(1 + random.nextInt(2000)), "%2e",
                        "~", "%00", "pk_" + random.nextInt(100), "sk_" + Long.toHexString(random.nextLong()));
            };
            path = path.substring(0, open) + value + path.substring(close + 1);
        }
        return path;
    }

    private static String oddQuery(Random random, Target target) {
        StringBuilder query = new StringBuilder("?");
        int parameters = random.nextInt(4);
        for (int i = 0; i < parameters; i++) {
            String name = random.nextInt(5) == 0 ? printableEncoded(random, 1 + random.nextInt(20))
                    : QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()));
            String value = pickOf(random, "", "1", "0", "-1", "100", "101", "abc", "%zz", "%C3%28", "%00", "%E2%80%AE",
                    "user", "account_admin", "root", "disabled", "active", "all", "current", "others", target.publicKey,
                    "9".repeat(40), "A".repeat(3000), UUID.randomUUID().toString(), "m", "%25_",
                    URLish.encode(target.email), URLish.encode(REDIRECT), printableEncoded(random, random.nextInt(60)));
            query.append(i == 0 ? "" : "&").append(name).append('=').append(value);
        }
        return query.toString();
    }

    private static String wrongMethod(Random random, String method) {
        List<String> methods = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
                "TRACE", "PROPFIND", "FOO"));
        methods.remove(method);
        return methods.get(random.nextInt(methods.size()));
    }

    /** A JSON object of 0 to 5 known fields with mostly plausible values. */
    private static byte[] validBody(Random random, Target target) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            fields.put(field, plausible(random, field, target));
        }
        if (random.nextInt(3) == 0) {
            fields.put("email", random.nextBoolean() ? target.email : "someone" + random.nextInt(1000) + "@example.io");
            fields.put("password", random.nextBoolean() ? PASSWORD : "pw-" + random.nextInt(1_000_000));
        }
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object plausible(Random random, String field, Target target) {
        return switch (field) {
            case "email", "ownerEmail", "fromEmail" -> pickOf(random, target.email, "new" + random.nextInt(1_000_000)
                    + "@example.io", "noreply@example.io");
            case "password", "ownerPassword", "currentPassword", "newPassword" -> pickOf(random, PASSWORD,
                    "another long password", "short");
            case "refreshToken" -> pickOf(random, target.refreshToken, "rt-" + Long.toHexString(random.nextLong()));
            case "token" -> pickOf(random, target.accessToken, "eyJ" + Long.toHexString(random.nextLong()));
            case "role" -> pickOf(random, "user", "account_admin", "root", "50");
            case "status" -> pickOf(random, "active", "disabled", "deleted");
            case "type" -> pickOf(random, "publishable", "secret");
            case "scopes" -> List.of(pickOf(random, "users:read", "users:write", "keys:admin", "settings:admin",
                    "tokens:introspect", "sessions:admin"));
            case "code" -> pickOf(random, "ABCD-EFGH", "123456", Long.toHexString(random.nextLong()));
            case "redirectUrl", "link" -> pickOf(random, REDIRECT, "https://evil.example/x", "javascript:alert(1)");
            case "body" -> pickOf(random, "Sign in: [link]", "no placeholder", "<b>[link]</b>");
            case "accountId" -> pickOf(random, target.accountId, UUID.randomUUID().toString());
            case "allowedOrigins" -> List.of(pickOf(random, "*", "https://app.example.com", "ftp://x"));
            case "trustedProxies" -> List.of(pickOf(random, "10.0.0.0/8", "::1", "proxy.internal"));
            case "passwordPolicy" -> Map.of("minLength", random.nextInt(20) - 2);
            case "rateLimits" -> Map.of("loginPerIp", Map.of("limit", 1_000_000, "windowSeconds", 60));
            case "requireEmailVerification" -> false; // true would keep this route's own user from signing in
            default -> "Team " + random.nextInt(1000);
        };
    }

    /** A JSON object whose fields hold hostile values; or not an object at all. */
    private static byte[] hostileBody(Random random) {
        String text = switch (random.nextInt(8)) {
            case 0 -> pickOf(random, "[]", "42", "null", "\"s\"", "true", " ", "{", "}", "{\"a\":}", "{'email':'x'}",
                    "{\"email\":NaN}", "{\"email\":\"a\",}", "/* c */ {}", "{\"email\":\"\\uZZZZ\"}");
            case 1 -> "{\"" + field(random) + "\":" + nested(random, 1 + random.nextInt(300)) + "}";
            case 2 -> "{\"" + field(random) + "\":\"" + "x".repeat(200 + random.nextInt(60_000)) + "\"}";
            case 3 -> "{\"" + field(random) + "\":" + pickOf(random, "42", "-0.0", "1e999", "true", "[]", "{}", "null",
                    "[[[[]]]]", "123456789012345678901234567890", "\"\"", "\" \"") + "}";
            case 4 -> "{\"" + field(random) + "\":\"" + pickOf(random, "\\ud800", "a\\udc00b", "\\u0000", "😀@😀.io",
                    "\u202Eevil@example.io", "ä@ß.de", "zero\u200Bwidth", "ｆｕｌｌ@ｗｉｄｔｈ.io", "\\u001b[31m", "a\\nb")
                    + "\"}";
            case 5 -> "{\"" + field(random) + "\":\"a\",\"" + field(random) + "\":\"b\",\"email\":\"d@x.io\",\"email\":\"e@x.io\"}";
            case 6 -> "{\"" + printable(random, 1 + random.nextInt(2000)).replace("\"", "").replace("\\", "") + "\":1}";
            default -> null;
        };
        if (text == null) {
            byte[] bytes = new byte[1 + random.nextInt(500)];
            random.nextBytes(bytes);
            return bytes;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] out = valid.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at); // truncate
                case 2 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) "\"{},:\\[\u0000x".charAt(random.nextInt(9));
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                case 3 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> {
                    byte[] doubled = java.util.Arrays.copyOf(out, out.length * 2);
                    System.arraycopy(out, 0, doubled, out.length, out.length);
                    out = doubled;
                }
            }
        }
        return out;
    }

    private static String field(Random random) {
        return FIELDS.get(random.nextInt(FIELDS.size()));
    }

    private static String nested(Random random, int depth) {
        String open = random.nextBoolean() ? "[" : "{\"n\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private static String printableEncoded(Random random, int length) {
        return URLish.encode(printable(random, length));
    }

    /** Percent-encoding of everything but unreserved characters, so any text fits in a URL. */
    static final class URLish {
        static String encode(String text) {
            StringBuilder out = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xFF);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
            return out.toString();
        }
    }

    // ------------------------------------------------------------------ transport

    private static HttpResponse<String> send(Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + c.pathAndQuery()))
                .timeout(TestServer.TIMEOUT);
        c.headers().forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        request.method(c.method(), c.body() == null || c.method().equals("HEAD") || c.method().equals("GET")
                && c.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        return server.send(request);
    }

    private static JsonNode parse(String body, String where) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + ": not JSON: " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    private static String describe(byte[] body) {
        if (body == null) {
            return "none";
        }
        return body.length <= 200 ? new String(body, StandardCharsets.UTF_8) : body.length + " bytes";
    }
}
