package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.MAIL_OUTBOX;

import dev.gatehouse.application.mail.port.out.MailOutbox;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.mail.OutboxMail.Status;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.UpdateSetMoreStep;

/**
 * The outbox in {@code mail_outbox}. A claim is one short transaction: {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (PostgreSQL and H2 2.x both support it) picks due rows that no concurrent claimer holds, and an update raises
 * their attempts and sets the lease. The update repeats the due-and-unleased condition, so even a claimer that
 * read a row just before another's claim committed changes nothing. Reports are conditional updates on the
 * claimed attempt, so a worker whose lease ran out cannot overwrite the outcome of the one that took over.
 *
 * <p>A claim commits on its own ({@link #committedAlone}), the deliberate exception to "stores never commit"
 * (ADR 0012): the lease must be visible to every other worker, and the row locks released, before the mail is
 * sent, whatever the caller has open. Everything else joins the caller's unit of work: an enqueue commits or rolls
 * back with the change it reports.
 */
final class JooqMailOutbox extends JooqStore implements MailOutbox {
    JooqMailOutbox(DSLContext dsl, DSLContext separate) {
        super(dsl, separate);
    }

    @Override
    public void enqueue(OutboxMail mail) {
        dsl.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ID, mail.id())
                .set(MAIL_OUTBOX.TENANT_ID, mail.tenant().value())
                .set(MAIL_OUTBOX.KIND, mail.kind().name())
                .set(MAIL_OUTBOX.RECIPIENT, mail.to())
                .set(MAIL_OUTBOX.FROM_ADDRESS, mail.fromAddress())
                .set(MAIL_OUTBOX.FROM_NAME, mail.fromName())
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.TEXT_BODY, mail.text())
                .set(MAIL_OUTBOX.HTML_BODY, mail.html())
                .set(MAIL_OUTBOX.STATUS, mail.status().name())
                .set(MAIL_OUTBOX.ATTEMPTS, mail.attempts())
                .set(MAIL_OUTBOX.CREATED, mail.createdAt())
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, mail.nextAttemptAt())
                .set(MAIL_OUTBOX.LEASE_UNTIL, mail.leaseUntil())
                .set(MAIL_OUTBOX.FINISHED_AT, mail.finishedAt())
                .set(MAIL_OUTBOX.LAST_ERROR, mail.lastError())
                .execute();
    }

    @Override
    public List<OutboxMail> claimDue(Instant now, Duration lease, int limit) {
        return committedAlone(tx -> {
            DSLContext db = tx.dsl();
            List<UUID> due = db.select(MAIL_OUTBOX.ID).from(MAIL_OUTBOX)
                    .where(claimable(now))
                    .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.CREATED)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch(MAIL_OUTBOX.ID);
            if (due.isEmpty()) {
                return List.of();
            }
            db.update(MAIL_OUTBOX)
                    .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                    .set(MAIL_OUTBOX.LEASE_UNTIL, now.plus(lease))
                    .where(MAIL_OUTBOX.ID.in(due)).and(claimable(now))
                    .execute();
            return db.selectFrom(MAIL_OUTBOX)
                    .where(MAIL_OUTBOX.ID.in(due)).and(MAIL_OUTBOX.LEASE_UNTIL.eq(now.plus(lease)))
                    .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.CREATED)
                    .fetch(JooqMailOutbox::toDomain);
        });
    }

    private static org.jooq.Condition claimable(Instant now) {
        return MAIL_OUTBOX.STATUS.eq(Status.PENDING.name())
                .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .and(MAIL_OUTBOX.LEASE_UNTIL.isNull().or(MAIL_OUTBOX.LEASE_UNTIL.le(now)));
    }

    @Override
    public boolean markSent(UUID id, int attempt, Instant now, boolean keepBody) {
        return finish(clearedUnless(keepBody, dsl.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATUS, Status.SENT.name())
                .set(MAIL_OUTBOX.FINISHED_AT, now)), id, attempt);
    }

    @Override
    public boolean markRetry(UUID id, int attempt, Instant nextAttemptAt, String error) {
        return finish(dsl.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(MAIL_OUTBOX.LAST_ERROR, bounded(error)), id, attempt);
    }

    @Override
    public boolean markFailed(UUID id, int attempt, Instant now, String error, boolean keepBody) {
        return finish(clearedUnless(keepBody, dsl.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.STATUS, Status.FAILED.name())
                .set(MAIL_OUTBOX.FINISHED_AT, now)
                .set(MAIL_OUTBOX.LAST_ERROR, bounded(error))), id, attempt);
    }

    private static UpdateSetMoreStep<?> clearedUnless(boolean keepBody, UpdateSetMoreStep<?> update) {
        return keepBody ? update : update.set(MAIL_OUTBOX.SUBJECT, "").set(MAIL_OUTBOX.TEXT_BODY, "")
                .set(MAIL_OUTBOX.HTML_BODY, "");
    }

    private static boolean finish(UpdateSetMoreStep<?> update, UUID id, int attempt) {
        return update.setNull(MAIL_OUTBOX.LEASE_UNTIL)
                .where(MAIL_OUTBOX.ID.eq(id))
                .and(MAIL_OUTBOX.ATTEMPTS.eq(attempt))
                .and(MAIL_OUTBOX.STATUS.eq(Status.PENDING.name()))
                .execute() == 1;
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        // A bounded batch per statement (the id sub-select with a limit works on both databases), so a purge of
        // a large backlog never holds many row locks at once.
        return dsl.deleteFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.ID.in(org.jooq.impl.DSL.select(MAIL_OUTBOX.ID).from(MAIL_OUTBOX)
                        .where(MAIL_OUTBOX.STATUS.in(Status.SENT.name(), Status.FAILED.name()))
                        .and(MAIL_OUTBOX.FINISHED_AT.lt(cutoff))
                        .limit(limit)))
                .execute();
    }

    @Override
    public Optional<OutboxMail> find(UUID id) {
        return dsl.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.eq(id)).fetchOptional(JooqMailOutbox::toDomain);
    }

    @Override
    public List<OutboxMail> findRecentTo(TenantId tenant, String to, int limit) {
        return dsl.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.TENANT_ID.eq(tenant.value())).and(MAIL_OUTBOX.RECIPIENT.eq(to))
                .orderBy(MAIL_OUTBOX.CREATED.desc(), MAIL_OUTBOX.ID.desc())
                .limit(limit)
                .fetch(JooqMailOutbox::toDomain);
    }

    private static String bounded(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }

    private static OutboxMail toDomain(Record r) {
        return new OutboxMail(r.get(MAIL_OUTBOX.ID), new TenantId(r.get(MAIL_OUTBOX.TENANT_ID)),
                MailKind.valueOf(r.get(MAIL_OUTBOX.KIND)), r.get(MAIL_OUTBOX.RECIPIENT), r.get(MAIL_OUTBOX.FROM_ADDRESS),
                r.get(MAIL_OUTBOX.FROM_NAME), r.get(MAIL_OUTBOX.SUBJECT), r.get(MAIL_OUTBOX.TEXT_BODY),
                r.get(MAIL_OUTBOX.HTML_BODY), Status.valueOf(r.get(MAIL_OUTBOX.STATUS)), r.get(MAIL_OUTBOX.ATTEMPTS),
                r.get(MAIL_OUTBOX.CREATED), r.get(MAIL_OUTBOX.NEXT_ATTEMPT_AT), r.get(MAIL_OUTBOX.LEASE_UNTIL),
                r.get(MAIL_OUTBOX.FINISHED_AT), r.get(MAIL_OUTBOX.LAST_ERROR));
    }
}
