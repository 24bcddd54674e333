package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.session;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.persistence.testing.PostgresTestDatabase;
import dev.gatehouse.application.port.out.SessionRepository.FeedCursor;
import dev.gatehouse.application.port.out.SessionRepository.RevocationBatch;
import dev.gatehouse.application.port.out.SessionRepository.RevokedSession;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The revocation feed between two processes on one PostgreSQL database (two pools here), when a revocation's
 * transaction commits long after its row was written: a cursor that followed revocation times moved past it (a
 * later revocation, committed meanwhile, carried it on), so the other process never learnt of it.
 */
class PostgresRevocationFeedIT {
    private static final Instant NOW = T0.plus(Duration.ofDays(1));
    private static final long POLL_MS = 500; // the server's poll interval (BackgroundWork.REVOCATION_POLL_INTERVAL_MS)

    @Test
    void aRevocationCommittedTenSecondsAfterItsRowWasWrittenReachesTheOtherProcessWithinTwoSeconds() throws Exception {
        String url = PostgresTestDatabase.createDatabase();
        try (Database writer = Database.open(url, "postgres", null); Database reader = Database.open(url, "postgres", null)) {
            writer.migrate();
            Tenant tenant = tenant();
            Account account = account(tenant);
            User user = user(account, uniqueEmail());
            writer.tenants().insert(tenant);
            writer.accounts().insert(account);
            writer.users().insert(user);
            Session slow = session(user, T0);
            Session quick = session(user, T0.plusSeconds(1));
            writer.sessions().insert(slow);
            writer.sessions().insert(quick);

            Map<SessionId, Long> seenAt = new ConcurrentHashMap<>();
            CountDownLatch rowWritten = new CountDownLatch(1);
            long[] commitStarts = new long[1];
            CompletableFuture<Long> committedAt = CompletableFuture.supplyAsync(() -> {
                writer.transactions().inTransaction(() -> {
                    assertThat(writer.sessions().revoke(tenant.id(), slow.id(), RevocationReason.REVOKED_BY_ADMIN, NOW))
                            .isTrue();
                    rowWritten.countDown();
                    sleep(10_000); // a lock wait, a slow statement, a GC pause before the commit
                    commitStarts[0] = System.nanoTime();
                    return null;
                });
                return System.nanoTime();
            });
            assertThat(rowWritten.await(10, TimeUnit.SECONDS)).isTrue();
            // Committed at once, with a later revocation time than the slow one's, while it is still open.
            writer.sessions().revoke(tenant.id(), quick.id(), RevocationReason.SIGNED_OUT, NOW.plusSeconds(6));

            FeedCursor cursor = FeedCursor.START;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!seenAt.containsKey(slow.id()) && System.nanoTime() < deadline) {
                RevocationBatch batch = reader.sessions().readRevocations(cursor, NOW);
                long readAt = System.nanoTime();
                batch.sessions().stream().map(RevokedSession::id).forEach(id -> seenAt.putIfAbsent(id, readAt));
                cursor = batch.next();
                Thread.sleep(POLL_MS);
            }
            long commit = committedAt.get(30, TimeUnit.SECONDS);

            assertThat(seenAt).as("the quick revocation was read while the slow one's transaction was open")
                    .containsKey(quick.id());
            assertThat(seenAt.get(quick.id())).isLessThan(commit);
            assertThat(seenAt).as("the slow revocation was read after its commit").containsKey(slow.id());
            assertThat(seenAt.get(slow.id())).as("not before the commit").isGreaterThan(commitStarts[0]);
            assertThat(Duration.ofNanos(seenAt.get(slow.id()) - commit)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
