package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.crypto.MasterKey;
import dev.gatehouse.adapters.persistence.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup recipe of docs/operations.md, end to end on PostgreSQL: users sign up on a server, the server stops,
 * {@code pg_dump -Fc} saves its database, {@code createdb} and {@code pg_restore} make a new database of it, and a
 * server started on the new database (same master key) lets every user sign in. Tokens issued before the dump keep
 * working after the restore (the sessions, refresh grants and signing keys are in the dump), and a session ended
 * before the dump stays ended. The test's databases are its own, made with random names, and dropped at the end.
 */
class BackupRestoreIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String PASSWORD = "correct horse battery";
    private static final long TOOL_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path work;
    private static final List<String> DATABASES = new ArrayList<>();
    private static URI postgres;

    @AfterAll
    static void dropTheDatabases() throws Exception {
        for (String database : DATABASES) {
            tool("dropdb", "--if-exists", "--force", database);
        }
    }

    @Test
    void aDumpRestoredIntoANewDatabaseServesTheSameUsersAndSessions() throws Exception {
        String sourceUrl = PostgresTestDatabase.createDatabase();
        postgres = URI.create(sourceUrl.substring("jdbc:".length()));
        String source = postgres.getPath().substring(1);
        DATABASES.add(source);
        String masterKey = MasterKey.generateBase64();

        List<String> emails = Stream.of("first", "second", "third").map(n -> CompatClient.uniqueEmail("backup-" + n)).toList();
        JsonNode kept;
        JsonNode ended;
        try (ServerProcess before = ServerProcess.start(Files.createDirectories(work.resolve("before")),
                environment(sourceUrl, masterKey))) {
            NativeClient client = new NativeClient(before);
            List<JsonNode> signedUp = emails.stream()
                    .map(email -> json(client.post("/v1/auth/signup", tenant(PK), credentials(email)), 201)).toList();
            kept = signedUp.get(0);
            ended = signedUp.get(1);
            assertThat(client.post("/v1/auth/signout", bearer(PK, access(ended)), "").statusCode()).isEqualTo(204);
            assertThat(before.stop()).as("graceful stop before the dump").isIn(0, 143);
        }

        Path dump = work.resolve("gatehouse.dump");
        long started = System.nanoTime();
        tool("pg_dump", "-Fc", "-f", dump.toString(), source);
        String restored = "gh_restore_" + randomSuffix();
        DATABASES.add(restored);
        tool("createdb", restored);
        tool("pg_restore", "--exit-on-error", "--no-owner", "-d", restored, dump.toString());
        System.out.printf("BackupRestoreIT: pg_dump -Fc (%d bytes), createdb and pg_restore took %d ms%n",
                Files.size(dump), (System.nanoTime() - started) / 1_000_000);

        String restoredUrl = sourceUrl.substring(0, sourceUrl.lastIndexOf('/') + 1) + restored;
        try (ServerProcess after = ServerProcess.start(Files.createDirectories(work.resolve("after")),
                environment(restoredUrl, masterKey))) {
            NativeClient client = new NativeClient(after);
            for (String email : emails) {
                assertThat(client.post("/v1/auth/signin", tenant(PK), credentials(email)).statusCode())
                        .as("%s signs in on the restored database", email).isEqualTo(200);
            }
            JsonNode me = json(client.get("/v1/me", bearer(PK, access(kept))), 200);
            assertThat(me.toString()).as("an access token from before the dump").contains(emails.get(0));
            json(client.post("/v1/auth/refresh", tenant(PK),
                    "{\"refreshToken\":\"" + kept.get("refreshToken").asText() + "\"}"), 200);
            assertThat(client.get("/v1/me", bearer(PK, access(ended))).statusCode())
                    .as("a session ended before the dump").isEqualTo(401);
            assertThat(client.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);
            assertThat(after.output()).as("the schema and the dev tenant came with the dump")
                    .doesNotContain("V14:", "(created now)");
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, String> environment(String databaseUrl, String masterKey) {
        return Map.of("GATEHOUSE_DATABASE_URL", databaseUrl, "GATEHOUSE_DATABASE_USER", "postgres",
                "GATEHOUSE_MASTER_KEY", masterKey);
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String access(JsonNode session) {
        return session.get("accessToken").asText();
    }

    /** Runs a PostgreSQL client program on the test's server as user postgres; fails with its output unless it exits 0. */
    private static void tool(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(program), "-h", postgres.getHost(),
                "-p", String.valueOf(postgres.getPort()), "-U", "postgres"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, program, ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + TOOL_TIMEOUT_SECONDS + " s");
        }
        assertThat(process.exitValue()).as("%s:%n%s", command, Files.readString(log)).isZero();
    }

    /** {@code program} on the PATH, else in /usr/bin or the newest /usr/lib/postgresql/N/bin (Debian's layout). */
    private static String executable(String program) throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            candidates.add(Path.of(dir, program));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path version) -> Integer.parseInt(version.getFileName().toString()))
                                .reversed())
                        .forEach(version -> candidates.add(version.resolve("bin").resolve(program)));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError(program + " not found (PATH, /usr/lib/postgresql/*/bin):"
                        + " install the PostgreSQL client programs (Debian: postgresql-client); .ci/run does"));
    }
}
