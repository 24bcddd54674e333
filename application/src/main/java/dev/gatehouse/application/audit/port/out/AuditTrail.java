package dev.gatehouse.application.audit.port.out;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit log's read side and its retention: pages of one tenant's events, newest first, and the purge of
 * events past the retention period (the only way an event ever leaves the log).
 */
public interface AuditTrail {

    /** Where an event sits in the log: its time, then the store's insertion sequence to break ties. */
    record Position(Instant time, long sequence) {
        public Position {
            Objects.requireNonNull(time, "time");
        }
    }

    record Entry(Position position, AuditEvent event) {
        public Entry {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * @param user   events whose actor or subject is this id
     * @param from   events at or after this time
     * @param to     events before this time
     * @param before events strictly older than this position (the previous page's last entry)
     * @param limit  at most this many entries (1 or more)
     */
    record Query(TenantId tenant, Optional<String> user, Optional<AuditEventType> type, Optional<Instant> from,
                 Optional<Instant> to, Optional<Position> before, int limit) {
        public Query {
            Required.nonNull("tenant", tenant, "user", user, "type", type, "from", from, "to", to, "before", before);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }

        public static Query all(TenantId tenant, int limit) {
            return new Query(tenant, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), limit);
        }
    }

    /** The tenant's events matching the query, newest first (time descending, then sequence descending). */
    List<Entry> find(Query query);

    /**
     * Deletes at most {@code batchSize} events (of any tenant) older than {@code cutoff}, oldest first.
     *
     * @return how many were deleted; fewer than {@code batchSize} means none older are left
     */
    int purgeOlderThan(Instant cutoff, int batchSize);
}
