package dev.gatehouse.bench;

import dev.gatehouse.adapters.crypto.NbvcxzCommonPasswords;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of password screening (ADR 0016): one look-up in the 100,000-entry common-password list for a
 * listed password (a hit, found case-insensitively) and for an unlisted one (a miss), and loading the list at
 * start-up. The list's memory is its sorted hash array: {@code 8 bytes x distinct forms} (about 770 KB).
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CommonPasswordsBenchmark extends AverageTimeBenchmark {
    private NbvcxzCommonPasswords list;

    @Setup
    public void setUp() {
        list = NbvcxzCommonPasswords.load();
        if (!list.contains("Password123") || list.contains("Quiet-Harbor-Lantern-42")) {
            throw new IllegalStateException("the list does not answer as expected");
        }
    }

    @Benchmark
    public boolean hit() {
        return list.contains("Password123");
    }

    @Benchmark
    public boolean miss() {
        return list.contains("Quiet-Harbor-Lantern-42");
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public NbvcxzCommonPasswords load() {
        return NbvcxzCommonPasswords.load();
    }
}
