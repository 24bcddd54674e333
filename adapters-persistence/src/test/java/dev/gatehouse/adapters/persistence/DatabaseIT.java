package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.PUBLISHABLE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.gatehouse.adapters.persistence.testing.PostgresTestDatabase;
import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link Database} adds around the ports: health, repeatable migrations, revocation, durability. */
class DatabaseIT {
    @TempDir
    Path dataDir;

    static Stream<Named<Function<Path, Database>>> databases() {
        return Stream.of(
                Named.of("H2", Database::embedded),
                Named.of("PostgreSQL", dir -> Database.open(PostgresTestDatabase.createDatabase(), "postgres", null)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void healthProbeIsTrueWhileTheDatabaseAnswersAndFalseOnceClosed(Function<Path, Database> opener) {
        Database database = opener.apply(dataDir);
        assertThat(database.health().isHealthy()).isTrue();

        database.close();

        assertThat(database.health().isHealthy()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migratingAnUpToDateDatabaseAgainKeepsItsData(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            Tenant tenant = PersistenceMother.tenant();
            database.tenants().insert(tenant);

            database.migrate();

            assertThat(database.tenants().findById(tenant.id())).contains(tenant);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void revokedPublishableKeyNoLongerFindsItsTenant(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            Tenant tenant = PersistenceMother.tenant();
            database.tenants().insert(tenant);

            database.dsl().update(PUBLISHABLE_KEY).set(PUBLISHABLE_KEY.REVOKED_AT, tenant.created().plusSeconds(60))
                    .where(PUBLISHABLE_KEY.KEY.eq(tenant.publicKey())).execute();

            assertThat(database.tenants().findByPublishableKey(tenant.publicKey())).isEmpty();
            assertThat(database.tenants().findById(tenant.id())).contains(tenant);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theOutboxBacklogCountsThePendingMailsAndTellsTheOldestOne(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            assertThat(database.outboxBacklog()).isEqualTo(new OutboxBacklog(0, Optional.empty()));
            Tenant tenant = PersistenceMother.tenant();
            database.tenants().insert(tenant);
            Instant first = Instant.parse("2026-05-01T10:00:00Z");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                database.mailOutbox().enqueue(OutboxMail.pending(id, tenant.id(), MailKind.PASSWORD_RESET,
                        "to-" + i + "@example.com", "from@example.com", "Gatehouse", "subject", "text", "<p>text</p>",
                        first.plusSeconds(i)));
            }
            List<OutboxMail> claimed = database.mailOutbox().claimDue(first.plusSeconds(10), Duration.ofMinutes(1), 1);
            assertThat(claimed).extracting(OutboxMail::id).containsExactly(ids.get(0));
            database.mailOutbox().markSent(ids.get(0), claimed.get(0).attempts(), first.plusSeconds(11), false);

            assertThat(database.outboxBacklog()).isEqualTo(new OutboxBacklog(2, Optional.of(first.plusSeconds(1))));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theConnectionPoolReportsItsStateToTheTrackerItIsGiven(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            AtomicReference<PoolStats> reported = new AtomicReference<>();
            database.trackPool((poolName, stats) -> {
                assertThat(poolName).isEqualTo("gatehouse-db");
                reported.set(stats);
                return new IMetricsTracker() {
                };
            });
            assertThat(database.health().isHealthy()).isTrue();

            assertThat(reported.get()).isNotNull();
            assertThat(reported.get().getTotalConnections()).isPositive();
            assertThat(reported.get().getMaxConnections()).isPositive();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void embeddedDatabaseKeepsACommitWhenTheProcessIsKilledRightAfterIt() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CommitThenWaitToBeKilled.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String report;
        try (BufferedReader output = child.inputReader()) {
            report = output.readLine();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(report).as("what the killed process printed").startsWith(CommitThenWaitToBeKilled.COMMITTED);

        TenantId committed = new TenantId(UUID.fromString(report.substring(CommitThenWaitToBeKilled.COMMITTED.length())));
        try (Database reopened = Database.embedded(dataDir)) {
            assertThat(reopened.tenants().findById(committed)).isPresent();
        }
    }

    /** Run in a child JVM: commits a tenant, says so, and waits for SIGKILL. */
    static final class CommitThenWaitToBeKilled {
        static final String COMMITTED = "committed ";

        public static void main(String[] args) throws IOException {
            Database database = Database.embedded(Path.of(args[0]));
            database.migrate();
            Tenant tenant = PersistenceMother.tenant();
            database.transactions().inTransaction(() -> {
                database.tenants().insert(tenant);
                return tenant;
            });
            System.out.println(COMMITTED + tenant.id());
            System.out.flush();
            System.in.read(); // the parent kills us long before it writes anything
        }
    }
}
