package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.AUDIT_EVENT;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.tenant.TenantId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The audit log in {@code audit_event}. Append-only by construction: this class inserts, reads and, for the
 * retention purge only, deletes; there is no update path.
 */
final class JooqAuditLog extends JooqStore implements AuditLog, AuditTrail {
    JooqAuditLog(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void record(AuditEvent event) {
        dsl.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.TENANT_ID, event.tenant().value())
                .set(AUDIT_EVENT.EVENT_TYPE, event.type().name())
                .set(AUDIT_EVENT.ACTOR, event.actor())
                .set(AUDIT_EVENT.SUBJECT, event.subject())
                .set(AUDIT_EVENT.CLIENT_IP, event.clientIp())
                .set(AUDIT_EVENT.USER_AGENT, event.userAgent())
                .set(AUDIT_EVENT.OCCURRED_AT, event.time())
                .set(AUDIT_EVENT.DETAILS, encode(event.details()))
                .execute();
    }

    @Override
    public List<Entry> find(Query query) {
        List<Condition> where = new ArrayList<>();
        where.add(AUDIT_EVENT.TENANT_ID.eq(query.tenant().value()));
        query.user().ifPresent(u -> where.add(AUDIT_EVENT.ACTOR.eq(u).or(AUDIT_EVENT.SUBJECT.eq(u))));
        query.type().ifPresent(t -> where.add(AUDIT_EVENT.EVENT_TYPE.eq(t.name())));
        query.from().ifPresent(f -> where.add(AUDIT_EVENT.OCCURRED_AT.ge(f)));
        query.to().ifPresent(t -> where.add(AUDIT_EVENT.OCCURRED_AT.lt(t)));
        query.before().ifPresent(p -> where.add(AUDIT_EVENT.OCCURRED_AT.lt(p.time())
                .or(AUDIT_EVENT.OCCURRED_AT.eq(p.time()).and(AUDIT_EVENT.SEQ.lt(p.sequence())))));
        return dsl.selectFrom(AUDIT_EVENT)
                .where(where)
                .orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.SEQ.desc())
                .limit(query.limit())
                .fetch(JooqAuditLog::toEntry);
    }

    @Override
    public int purgeOlderThan(Instant cutoff, int batchSize) {
        // Delete by primary key from a bounded, index-ordered selection: one short statement per batch, so a
        // large backlog never holds locks for long. The nested select is wrapped in a derived table because
        // some databases refuse a LIMIT directly inside IN.
        var oldest = DSL.select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.OCCURRED_AT.lt(cutoff))
                .orderBy(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.SEQ)
                .limit(batchSize)
                .asTable("oldest");
        return dsl.deleteFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.SEQ.in(DSL.select(oldest.field(AUDIT_EVENT.SEQ)).from(oldest)))
                .execute();
    }

    private static Entry toEntry(Record r) {
        AuditEventType type = AuditEventType.fromName(r.get(AUDIT_EVENT.EVENT_TYPE))
                .orElseThrow(() -> new IllegalStateException("unknown audit event type in the store: "
                        + r.get(AUDIT_EVENT.EVENT_TYPE)));
        AuditEvent event = new AuditEvent(new TenantId(r.get(AUDIT_EVENT.TENANT_ID)), type, r.get(AUDIT_EVENT.ACTOR),
                r.get(AUDIT_EVENT.SUBJECT), r.get(AUDIT_EVENT.CLIENT_IP), r.get(AUDIT_EVENT.USER_AGENT),
                r.get(AUDIT_EVENT.OCCURRED_AT), decode(r.get(AUDIT_EVENT.DETAILS)));
        return new Entry(new Position(event.time(), r.get(AUDIT_EVENT.SEQ)), event);
    }

    static String encode(Map<String, String> details) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(details).forEach((key, value) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> details = new TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return details;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            details.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return details;
    }
}
