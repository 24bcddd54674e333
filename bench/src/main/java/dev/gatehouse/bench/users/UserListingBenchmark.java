package dev.gatehouse.bench.users;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the first and the 1000th page (limit 100) of the generated 100,000-user account over HTTP, on the
 * database {@link UserDataGenerator} filled: {@code GET /v1/account/users} as the account's admin, {@code GET
 * /v1/admin/users?accountId=} with the tenant's root token, and {@code GET /v1/admin/users} over the whole tenant
 * (1.1 million users). The 1000th page is reached by following 999 cursors once; then each page is requested
 * {@code --requests} times one after another (after {@code --warmup} unmeasured requests), and the latency of
 * each (request sent to response read, one keep-alive connection) is recorded: median, p90, p99, max. The
 * PostgreSQL plans of the equivalent queries (EXPLAIN ANALYZE) and the machine's load go in the result too.
 *
 * <p>Usage: {@code bench/users.sh list [--requests N] [--warmup N] [--out FILE]}.
 */
public final class UserListingBenchmark {
    private static final Pattern READY = Pattern.compile("Gatehouse ready on port (\\d+)");
    private static final int LIMIT = 100;
    private static final int DEEP_PAGE = 1000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String publicKey;

    private UserListingBenchmark(int port, String publicKey) {
        this.base = "http://127.0.0.1:" + port;
        this.publicKey = publicKey;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("dataset", "bench/target/users-dataset.json",
                "jar", "bootstrap/target/gatehouse.jar", "jvm-options", "bootstrap/jvm.options",
                "requests", "300", "warmup", "200", "out", "bench/results/user-listing-postgres.json",
                "commit", "unknown"));
        JsonNode dataset = JsonOut.read(Path.of(options.get("dataset")));
        int requests = Integer.parseInt(options.get("requests"));
        int warmup = Integer.parseInt(options.get("warmup"));
        Path runDir = Path.of("bench/target/user-listing");
        Files.createDirectories(runDir);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "user-listing");
        result.put("database", "postgres");
        result.put("date", Instant.now().toString());
        result.put("commit", options.get("commit"));
        result.put("command", "bench/users.sh list --requests " + requests + " --warmup " + warmup);
        result.put("dataset", Map.of("totalUsers", dataset.get("totalUsers").asLong(),
                "bigAccountUsers", dataset.get("bigAccountUsers").asLong(),
                "spreadAccounts", dataset.get("spreadAccounts").asLong(),
                "usersPerSpreadAccount", dataset.get("usersPerSpreadAccount").asLong()));
        result.put("limit", LIMIT);
        result.put("requestsPerPage", requests);
        result.put("warmupRequestsPerPage", warmup);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("loadAverageBefore", loadAverage());

        Process server = startServer(options, dataset, runDir);
        try {
            UserListingBenchmark bench = new UserListingBenchmark(awaitPort(server, runDir), dataset.get("publicKey").asText());
            String adminToken = bench.signIn(dataset.get("bigAccountAdminEmail").asText(), dataset.get("password").asText());
            Map<String, String> asAdmin = Map.of("X-API-Key", bench.publicKey, "Authorization", "Bearer " + adminToken);
            Map<String, String> asRoot = Map.of("X-API-Key", bench.publicKey,
                    "Authorization", "Bearer " + dataset.get("rootToken").asText());
            String bigAccount = dataset.get("bigAccountId").asText();

            Map<String, Object> scenarios = new LinkedHashMap<>();
            scenarios.put("accountUsers", bench.pages("/v1/account/users?limit=" + LIMIT, asAdmin, requests, warmup,
                    "user-000000@big.bench.example", "user-099900@big.bench.example"));
            scenarios.put("adminUsersOfTheAccount", bench.pages("/v1/admin/users?limit=" + LIMIT + "&accountId="
                    + bigAccount, asRoot, requests, warmup, "user-000000@big.bench.example",
                    "user-099900@big.bench.example"));
            scenarios.put("adminUsersOfTheTenant", bench.pages("/v1/admin/users?limit=" + LIMIT, asRoot, requests,
                    warmup, "user-000000@big.bench.example", "user-099900@big.bench.example"));
            result.put("scenarios", scenarios);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        result.put("loadAverageAfter", loadAverage());
        result.put("plans", plans(dataset));

        Path out = Path.of(options.get("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JsonOut.write(result) + "\n");
        UserDataGenerator.log("result in %s", out);
        System.out.println(JsonOut.write(result.get("scenarios")));
    }

    /** The first and the 1000th page of one listing: checks, then timings. */
    private Map<String, Object> pages(String firstPage, Map<String, String> headers, int requests, int warmup,
                                      String firstEmail, String deepFirstEmail) throws Exception {
        JsonNode first = json(get(firstPage, headers));
        check(first, firstEmail, firstPage);
        long walkStart = System.nanoTime();
        String cursor = first.get("nextCursor").asText();
        String deepPage = null;
        for (int page = 2; page <= DEEP_PAGE; page++) {
            deepPage = firstPage + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
            JsonNode body = json(get(deepPage, headers));
            if (page == DEEP_PAGE) {
                check(body, deepFirstEmail, deepPage);
            } else {
                cursor = body.get("nextCursor").asText();
            }
        }
        double walkSeconds = UserDataGenerator.seconds(walkStart);
        UserDataGenerator.log("%s: followed %d cursors in %.1f s", firstPage, DEEP_PAGE - 1, walkSeconds);
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("firstPage", time(firstPage, headers, requests, warmup));
        scenario.put("page1000", time(deepPage, headers, requests, warmup));
        scenario.put("followingAllCursorsToPage1000Seconds", Math.round(walkSeconds * 100) / 100.0);
        return scenario;
    }

    private static void check(JsonNode page, String expectedFirstEmail, String path) {
        JsonNode users = page.get("users");
        if (users.size() != LIMIT || !users.get(0).get("email").asText().equals(expectedFirstEmail)) {
            throw new IllegalStateException(path + ": expected " + LIMIT + " users starting with " + expectedFirstEmail
                    + ", got " + users.size() + (users.isEmpty() ? "" : " starting with " + users.get(0).get("email")));
        }
    }

    private Map<String, Object> time(String path, Map<String, String> headers, int requests, int warmup)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            get(path, headers);
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            get(path, headers);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("medianMs", round(percentile(millis, 50)));
        stats.put("p90Ms", round(percentile(millis, 90)));
        stats.put("p99Ms", round(percentile(millis, 99)));
        stats.put("maxMs", round(millis[millis.length - 1]));
        stats.put("meanMs", round(Arrays.stream(millis).average().orElse(Double.NaN)));
        UserDataGenerator.log("%s -> median %.2f ms, p99 %.2f ms", path.length() > 90 ? path.substring(0, 90) + "..." : path,
                percentile(millis, 50), percentile(millis, 99));
        return stats;
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private String signIn(String email, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/auth/signin"))
                .header("X-API-Key", publicKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return json(response).get("accessToken").asText();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonOut.parse(response.body());
    }

    private static Process startServer(Map<String, String> options, JsonNode dataset, Path runDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of(options.get("jvm-options")).toAbsolutePath(), "-jar",
                Path.of(options.get("jar")).toAbsolutePath().toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectError(ProcessBuilder.Redirect.to(runDir.resolve("server.log").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        env.put("GATEHOUSE_MODE", "dev");
        env.put("GATEHOUSE_HOST", "127.0.0.1");
        env.put("GATEHOUSE_PORT", "0");
        env.put("GATEHOUSE_DATABASE_URL", dataset.get("databaseUrl").asText());
        env.put("GATEHOUSE_DATABASE_USER", dataset.get("databaseUser").asText());
        env.put("MALLOC_ARENA_MAX", "2"); // as every launcher of the server sets it (bootstrap/jvm.options)
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    private static int awaitPort(Process server, Path runDir) throws InterruptedException {
        AtomicInteger port = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find() && ready.getCount() > 0) {
                        port.set(Integer.parseInt(m.group(1)));
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the server ended
            }
        });
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not get ready; see " + runDir.resolve("server.log"));
        }
        return port.get();
    }

    /** EXPLAIN ANALYZE of the queries behind the three listings (as JooqUserRepository writes them). */
    private static Map<String, Object> plans(JsonNode dataset) {
        String tenant = dataset.get("tenantId").asText();
        String account = dataset.get("bigAccountId").asText();
        Map<String, Object> plans = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(dataset.get("databaseUrl").asText(),
                dataset.get("databaseUser").asText(), null)) {
            String deepInAccount = position(connection, "account_id = '" + account + "' and tenant_id = '" + tenant
                    + "' order by account_id, tenant_id, created, id", (DEEP_PAGE - 1) * LIMIT - 1);
            String deepInTenant = position(connection, "tenant_id = '" + tenant + "' order by tenant_id, created, id",
                    (DEEP_PAGE - 1) * LIMIT - 1);
            String accountPage = "select * from app_user where account_id = '" + account + "' and tenant_id = '" + tenant
                    + "'%s order by account_id, tenant_id, created, id limit " + LIMIT;
            String tenantPage = "select * from app_user where tenant_id = '" + tenant
                    + "'%s order by tenant_id, created, id limit " + LIMIT;
            plans.put("accountFirstPage", explain(connection, accountPage.formatted("")));
            plans.put("accountPage1000", explain(connection, accountPage.formatted(" and (created, id) > " + deepInAccount)));
            plans.put("tenantFirstPage", explain(connection, tenantPage.formatted("")));
            plans.put("tenantPage1000", explain(connection, tenantPage.formatted(" and (created, id) > " + deepInTenant)));
        } catch (SQLException e) {
            plans.put("error", e.getMessage());
        }
        return plans;
    }

    private static String position(Connection connection, String whereAndOrder, int offset) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select created, id from app_user where " + whereAndOrder
                     + " offset " + offset + " limit 1")) {
            row.next();
            return "('" + row.getObject(1, java.time.OffsetDateTime.class) + "'::timestamptz, '" + row.getString(2)
                    + "'::uuid)";
        }
    }

    private static List<String> explain(Connection connection, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("explain (analyze, buffers) " + sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    private static List<Double> loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
