package dev.gatehouse.bench;

import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one bcrypt hash (sign-up, password change) and one verification (sign-in) cost at the production
 * cost of 10, as the server computes them ({@link BcryptPasswordHasher}, Password4j). One core does
 * {@code 1000 / score} of them a second: this is the bound of the login and register load scenarios
 * (bench/run.sh login|register, docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PasswordHashBenchmark {

    @Param({"10"})
    public int cost;

    private BcryptPasswordHasher hasher;
    private Password password;
    private PasswordHash stored;

    @Setup
    public void setUp() {
        hasher = new BcryptPasswordHasher(cost);
        password = new Password("correct horse battery staple");
        stored = hasher.hash(password);
        if (!hasher.verify(password, stored)) {
            throw new IllegalStateException("the hasher does not verify its own hash");
        }
    }

    @Benchmark
    public PasswordHash hash() {
        return hasher.hash(password);
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(password, stored);
    }
}
