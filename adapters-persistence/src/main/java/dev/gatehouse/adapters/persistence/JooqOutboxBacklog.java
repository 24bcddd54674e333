package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.MAIL_OUTBOX;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.min;

import dev.gatehouse.domain.mail.OutboxMail;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * One query over the pending mails (the {@code (status, next_attempt_at)} index narrows it to them): their number and
 * the oldest one's creation time. Not a port of the application: only the metrics read it.
 */
final class JooqOutboxBacklog {
    private final DSLContext dsl;

    JooqOutboxBacklog(DSLContext dsl) {
        this.dsl = dsl;
    }

    OutboxBacklog read() {
        Record2<Integer, Instant> row = dsl.select(count(), min(MAIL_OUTBOX.CREATED)).from(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.STATUS.eq(OutboxMail.Status.PENDING.name()))
                .fetchOne();
        return row == null ? new OutboxBacklog(0, Optional.empty())
                : new OutboxBacklog(row.value1(), Optional.ofNullable(row.value2()));
    }
}
