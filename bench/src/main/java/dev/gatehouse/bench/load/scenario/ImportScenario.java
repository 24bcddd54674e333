package dev.gatehouse.bench.load.scenario;

import com.password4j.BcryptFunction;
import com.password4j.types.Bcrypt;
import dev.gatehouse.bench.load.runner.BenchTenant;
import dev.gatehouse.bench.load.runner.Harness;
import dev.gatehouse.bench.load.runner.Json;
import dev.gatehouse.bench.load.runner.ProcStats;
import dev.gatehouse.bench.load.runner.Results;
import dev.gatehouse.bench.load.runner.Scenario;
import dev.gatehouse.bench.load.runner.ServerDatabase;
import dev.gatehouse.bench.load.runner.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code import}: one {@code POST /v1/admin/users/import} of {@code --lines} NDJSON lines (default 100,000) generated
 * as they are sent (chunked; the file never exists, here or on disk), alternately with a bcrypt (cost 4) and a
 * PBKDF2-SHA-256 hash in Django's form, each made once and reused, so the server only parses and stores. Reports
 * users/s and the server's RSS before, at its peak during (sampled every 100 ms) and after the import; then signs in
 * one user of each hash to show the hashes work.
 */
final class ImportScenario implements Scenario {
    private static final String PASSWORD = "bench import password";

    @Override
    public String name() {
        return "import";
    }

    @Override
    public Map<String, Object> run(Harness harness, String db) {
        Path runDir = harness.runDir("import", db);
        Map<String, Object> result = harness.header("import", db);
        int lines = harness.options().load().lines();
        String[] hashes = {BcryptFunction.getInstance(Bcrypt.B, 4).hash(PASSWORD).getResult(), django(PASSWORD)};
        try (ServerDatabase database = ServerDatabase.create(db, runDir, "import_" + harness.runId());
             ServerProcess server = ServerProcess.start(harness.launch(runDir), database)) {
            String pgName = database instanceof ServerDatabase.Postgres pg ? pg.name() : null;
            BenchTenant tenant = harness.createTenant(server);
            result.put("tenant", tenant.describe());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI base = URI.create("http://" + server.hostHeader());
            long rssBefore = server.rssKib();
            AtomicLong peak = new AtomicLong(rssBefore);
            Thread sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(server.rssKib(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ProcStats.Probe probe = new ProcStats.Probe(server.pid(), pgName);
            ProcStats.CpuSample cpuBefore = probe.take();
            long started = System.nanoTime();
            HttpResponse<String> answer = send(client, HttpRequest.newBuilder(base.resolve("/v1/admin/users/import"))
                    .timeout(Duration.ofMinutes(30))
                    .header("Content-Type", "application/x-ndjson")
                    .header("SB-PUBLIC-KEY", tenant.publicKey())
                    .header("Authorization", "Bearer " + tenant.rootToken())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Lines(harness.runId(), lines, hashes)))
                    .build());
            double seconds = (System.nanoTime() - started) / 1e9;
            ProcStats.CoresUsed cores = probe.take().since(cpuBefore, harness.cpus());
            sampler.interrupt();
            long rssAfter = server.rssKib();
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the import answered " + answer.statusCode() + ": " + answer.body());
            }
            var counts = Json.parse(answer.body());
            int signedIn = 0;
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> signIn = send(client, HttpRequest.newBuilder(base.resolve("/v1/auth/signin"))
                        .header("Content-Type", "application/json").header("SB-PUBLIC-KEY", tenant.publicKey())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email(harness.runId(), i)
                                + "\",\"password\":\"" + PASSWORD + "\"}")).build());
                signedIn += signIn.statusCode() == 200 ? 1 : 0;
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("lines", lines);
            figures.put("imported", counts.get("imported").asLong());
            figures.put("skipped", counts.get("skipped").asLong());
            figures.put("failed", counts.get("failed").asLong());
            figures.put("seconds", Json.round(seconds));
            figures.put("usersPerSecond", Json.round(counts.get("imported").asLong() / seconds));
            figures.put("rssMibBefore", Results.mib(rssBefore));
            figures.put("rssMibPeak", Results.mib(peak.get()));
            figures.put("rssMibAfter", Results.mib(rssAfter));
            figures.put("signInsAfterImport", signedIn + " of 2 (one bcrypt, one PBKDF2 hash; each rehashed)");
            result.put("figures", figures);
            if (cores != null) {
                result.put("cores", Map.of("server", Json.round(cores.server()), "postgres", Json.round(cores.postgres()),
                        "generator", Json.round(cores.loadGenerator()), "other", Json.round(cores.other())));
                result.put("noiseCores", Json.round(cores.other()));
            }
            Map<String, Object> serverInfo = new LinkedHashMap<>();
            serverInfo.put("startToReadyMillis", Json.round(server.readyMillis()));
            serverInfo.put("exitCode", server.stop());
            result.put("server", serverInfo);
            Harness.log("import", db, "%d lines in %.1f s: %s users/s imported (%d failed); RSS %s -> peak %s -> %s MiB;"
                            + " %d of 2 sign-ins", lines, seconds, figures.get("usersPerSecond"),
                    counts.get("failed").asLong(), Results.mib(rssBefore), Results.mib(peak.get()),
                    Results.mib(rssAfter), signedIn);
            return result;
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String email(String runId, int i) {
        return "import-" + runId + "-" + i + "@bench.example.com";
    }

    /** Django's {@code pbkdf2_sha256$<iterations>$<salt>$<key>}, made with the JDK's PBKDF2 (1,000 iterations). */
    private static String django(String password) {
        String salt = "benchsalt";
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(
                    password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 1_000, 256)).getEncoded();
            return "pbkdf2_sha256$1000$" + salt + "$" + Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file, one line at a time as it is read: user i, verified, named, with hash i mod 2. */
    private static final class Lines extends InputStream {
        private final String runId;
        private final int count;
        private final String[] hashes;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        Lines(String runId, int count, String[] hashes) {
            this.runId = runId;
            this.count = count;
            this.hashes = hashes;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                if (position == current.length) {
                    if (next == count) {
                        return n == 0 ? -1 : n;
                    }
                    current = ("{\"email\":\"" + email(runId, next) + "\",\"passwordHash\":\"" + hashes[next % 2]
                            + "\",\"emailVerified\":true,\"name\":\"Bench User " + next + "\"}\n")
                            .getBytes(StandardCharsets.UTF_8);
                    next++;
                    position = 0;
                }
                int chunk = Math.min(length - n, current.length - position);
                System.arraycopy(current, position, buffer, offset + n, chunk);
                position += chunk;
                n += chunk;
            }
            return n;
        }
    }
}
