package dev.gatehouse.bench;

import dev.gatehouse.adapters.crypto.BcryptPasswordHasher;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.PasswordHash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What one bcrypt hash (sign-up, password change) and one verification (sign-in) cost at the production
 * cost of 10, as the server computes them ({@link BcryptPasswordHasher}, Password4j). One core does
 * {@code 1000 / score} of them a second: this is the bound of the login and register load scenarios
 * (bench/run.sh login|register, docs/performance.md).
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashBenchmark extends AverageTimeBenchmark {

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
