package dev.gatehouse.bootstrap;

import dev.gatehouse.application.audit.port.in.HousekeepingUseCase;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.mail.port.in.DeliverMailUseCase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does besides answering requests, on three daemon threads: one for the revocation feed alone (ADR
 * 0031: a feed read late makes the process refuse tokens), one for signing-key rotation and housekeeping, one for
 * mail delivery (so that a slow SMTP server delays neither). A run that
 * fails is tried again at the job's next run; its failure is logged when a series of failures starts (the exception's
 * text, no stack trace) and once more when the job works again, not at every run: a database outage would otherwise
 * log the feed's failure twice a second (ADR 0030).
 *
 * <p>{@link #stop} is part of the graceful shutdown: the mail worker finishes the mail it is handing over and
 * releases the rest of its claim, so that nothing stays leased and nothing is sent twice.
 */
final class BackgroundWork {
    static final long REVOCATION_POLL_INTERVAL_MS = 500;
    /** The housekeeping job (expired sessions, codes, mail, rate-limit rows, old audit events) runs this often. */
    static final long HOUSEKEEPING_INTERVAL_MINUTES = 10;
    static final long MAIL_POLL_INTERVAL_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final ScheduledExecutorService scheduler = daemonScheduler("gatehouse-background");
    /**
     * The revocation feed on a thread of its own: a long housekeeping run or a key rotation of many tenants must not
     * delay it, since a process that has not read it for the staleness bound refuses tokens (ADR 0031).
     */
    private final ScheduledExecutorService feed = daemonScheduler("gatehouse-revocation-feed");
    private final ScheduledExecutorService mailWorker = daemonScheduler("gatehouse-mail");
    private volatile boolean mailStopping;
    private volatile boolean stopping;

    private BackgroundWork() {
    }

    /**
     * Polls the session table for revocations made by other processes sharing the database every
     * {@link #REVOCATION_POLL_INTERVAL_MS} ms (a session ended anywhere is refused here within about that long,
     * docs/adr/0008-session-revocation.md; the first poll runs before this returns, so before the first request),
     * rotates signing keys that reached their rotation age once an hour, runs housekeeping every
     * {@link #HOUSEKEEPING_INTERVAL_MINUTES} minutes, and delivers mail: every {@link #MAIL_POLL_INTERVAL_MS} ms what
     * is due, round after round while rounds come back full; every process runs one worker and claims keep them from
     * sending the same mail (docs/mail.md). Hourly, it also deletes mails finished more than
     * {@link DeliverMailUseCase#RETENTION} ago.
     */
    static BackgroundWork start(Wiring wiring) {
        BackgroundWork work = new BackgroundWork();
        wiring.features.sessions.revocationFeed().poll();
        work.every(work.feed, "revocation feed poll", REVOCATION_POLL_INTERVAL_MS, REVOCATION_POLL_INTERVAL_MS,
                TimeUnit.MILLISECONDS, () -> wiring.features.sessions.revocationFeed().poll());
        work.every(work.scheduler, "signing-key rotation", 0, 1, TimeUnit.HOURS, () -> {
            int rotated = wiring.features.signingKeys.signingKeys().rotateDueKeys();
            if (rotated > 0) {
                LOG.info("rotated the signing keys of {} tenant(s)", rotated);
            }
        });
        HousekeepingUseCase housekeeping = wiring.features.audit.housekeeping(wiring.database.housekeeping(),
                wiring.database.mfaChallenges(), wiring.database.oauthFlows(), wiring.database.emailChanges());
        work.every(work.scheduler, "housekeeping", 1, HOUSEKEEPING_INTERVAL_MINUTES, TimeUnit.MINUTES, () -> {
            Map<String, Integer> deleted = housekeeping.runOnce(wiring.config.auditRetention());
            if (!deleted.isEmpty()) {
                LOG.info("housekeeping deleted {}", deleted);
            }
        });
        DeliverMailUseCase mail = wiring.features.mail.deliverMail();
        work.every(work.mailWorker, "mail delivery", MAIL_POLL_INTERVAL_MS, MAIL_POLL_INTERVAL_MS, TimeUnit.MILLISECONDS,
                () -> {
                    while (mail.deliverDue(() -> work.mailStopping) == MailFeature.MAIL_BATCH && !work.mailStopping) {
                        // a full round: more may be due
                    }
                });
        work.every(work.mailWorker, "outbox purge", 1, 60, TimeUnit.MINUTES, () -> {
            int purged;
            do {
                purged = mail.purgeFinished();
            } while (purged == DeliverMailUseCase.PURGE_BATCH && !work.mailStopping);
        });
        return work;
    }

    /**
     * The first step of a graceful shutdown, while requests drain: the mail worker starts no new round, finishes the
     * mail it is handing over and releases the rest of its claim (mails that requests still record stay pending for
     * the next process). The other jobs go on until {@link #stop}.
     */
    void stopMail() {
        mailStopping = true;
        mailWorker.shutdown();
    }

    /**
     * Stops every job (after {@link #stopMail}, which it implies) and waits at most {@code limit} (at least a second)
     * for them to end; true if they did. A mail still being handed over then stays leased and is sent again once its
     * lease ends (at least once, under the same Message-ID).
     */
    boolean stop(Duration limit) {
        stopMail();
        stopping = true;
        scheduler.shutdown();
        feed.shutdown();
        long deadline = System.nanoTime() + Math.max(limit.toNanos(), TimeUnit.SECONDS.toNanos(1));
        try {
            boolean mailEnded = mailWorker.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            boolean jobsEnded = scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            boolean feedEnded = feed.awaitTermination(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            boolean restEnded = jobsEnded && feedEnded;
            if (!mailEnded) {
                LOG.warn("the mail worker was still handing a mail over at shutdown; it stays leased and is sent again"
                        + " once its lease ends");
            }
            return mailEnded && restEnded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private void every(ScheduledExecutorService on, String job, long initialDelay, long delay, TimeUnit unit,
                       Runnable run) {
        FailureSeries failures = new FailureSeries(job);
        on.scheduleWithFixedDelay(() -> {
            if (stopping || (on == mailWorker && mailStopping)) {
                return;
            }
            try {
                run.run();
                failures.ended();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, initialDelay, delay, unit);
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
    }

    /** A job's consecutive failures: the first is logged, the rest counted until a run works again. */
    private static final class FailureSeries {
        private final String job;
        private int failures;
        private long since;

        FailureSeries(String job) {
            this.job = job;
        }

        void failed(RuntimeException e) {
            if (failures++ == 0) {
                since = System.nanoTime();
                LOG.warn("{} failed, retrying at its next run (further failures are counted, not logged): {}", job,
                        e.toString());
            }
        }

        void ended() {
            if (failures > 0) {
                LOG.info("{} works again after {} failed run(s) in {} ms", job, failures,
                        (System.nanoTime() - since) / 1_000_000);
                failures = 0;
            }
        }
    }
}
