package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.persistence.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stores' one rule for units of work, and its deliberate exception (docs/architecture.md). */
class UnitsOfWorkIT {
    private static final Instant WINDOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dataDir;

    static Stream<Named<Function<Path, Database>>> databases() {
        return Stream.of(
                Named.of("H2", Database::embedded),
                Named.of("PostgreSQL", dir -> Database.open(PostgresTestDatabase.createDatabase(), "postgres", null)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRateLimitHitStaysCountedWhenTheCallersUnitOfWorkRollsBackAndCommitsNothingOfIt(
            Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            String bucket = "bucket-" + UUID.randomUUID();
            String account = "account-" + UUID.randomUUID();
            IllegalStateException failure = new IllegalStateException("the request failed");

            assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
                database.loginSources().remember(account, "source", WINDOW);
                database.rateLimits().hit(bucket, WINDOW, MINUTE);
                throw failure;
            })).isSameAs(failure);

            assertThat(database.rateLimits().hit(bucket, WINDOW, MINUTE).current()).isEqualTo(2);
            assertThat(database.loginSources().knows(account, "source", WINDOW)).isFalse();
        }
    }
}
