package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The normal suite's version of {@code bench/run.sh soak} (docs/performance.md, "Soak"): 30 s of the mixed load against
 * the real server jar (bcrypt cost 4, so dev mode), the sampler reading the server every 2 s, on the local PostgreSQL
 * when one answers on 127.0.0.1:5432 (else on H2, without the connection series). No error other than a designed shed,
 * and no runaway growth over the second half: the bounds are far above what a healthy run shows (threads and open
 * files flat, the heap after GC flat, RSS still growing some tens of MiB a minute as the JIT fills the code cache) and
 * far below what a leak per request would give at hundreds of requests a second.
 */
class SoakSmokeIT {
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Path SERVER_JAR = MODULE.resolveSibling("bootstrap").resolve("target/gatehouse.jar");
    private static final Path JVM_OPTIONS = MODULE.resolveSibling("bootstrap").resolve("jvm.options");

    @TempDir
    Path out;

    @TempDir
    Path runs;

    @Test
    void thirtySecondsOfMixedLoadMeetNoUnexpectedErrorAndNoRunawayGrowth() throws IOException {
        assertThat(SERVER_JAR).as("built by the bootstrap module before this one").isRegularFile();
        String db = postgresAnswers() ? "postgres" : "h2";
        int exit = LoadRunner.run("soak", "--db", db, "--seconds", "30", "--warmup", "0", "--sample-seconds", "2",
                "--users", "16", "--bcrypt-cost", "4", "--server-log", "discard", "--out", out.toString(),
                "--run-dir", runs.toString(), "--jar", SERVER_JAR.toString(), "--jvm-options", JVM_OPTIONS.toString());
        assertThat(exit).as("LoadRunner exit code (its output above says why)").isZero();

        JsonNode result = new ObjectMapper().readTree(Files.readString(out.resolve("soak-" + db + ".json")));
        JsonNode soak = result.get("soak");
        assertThat(result.get("figures").get("okPerSecond").asDouble()).as("served something").isPositive();
        assertThat(soak.get("unexpectedErrors").asLong()).as(soak.get("unexpectedErrorsByKind").toString()).isZero();
        assertThat(soak.get("gcLog").asText()).as("GC log switched on").startsWith("jcmd");
        assertThat(soak.get("series").get("seconds").size()).as("samples every 2 s").isGreaterThanOrEqualTo(12);

        JsonNode half = soak.get("secondHalf");
        assertThat(half.get("samples").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(slope(half, "threads")).as("threads a minute, " + half).isLessThan(20);
        assertThat(slope(half, "openFds")).as("open files a minute, " + half).isLessThan(30);
        assertThat(slope(half, "heapAfterGcMib")).as("MiB of heap after GC a minute, " + half).isLessThan(60);
        assertThat(slope(half, "rssMib")).as("MiB of RSS a minute, " + half).isLessThan(240);
        if (db.equals("postgres")) {
            assertThat(half.get("databaseConnections").get("max").asInt()).as("the pool's bound").isBetween(1, 10);
        }
    }

    private static double slope(JsonNode trends, String series) {
        JsonNode slope = trends.get(series).get("slopePerMinute");
        assertThat(slope.isNumber()).as(series + " sampled: " + trends).isTrue();
        return slope.asDouble();
    }

    private static boolean postgresAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
