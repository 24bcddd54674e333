package dev.gatehouse.application.audit.port.in;

import dev.gatehouse.application.port.in.RootAuthority;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tenant's audit log under root authority ({@code audit:read}): pages of events, newest first. */
public interface AuditEventsUseCase {
    int MAX_LIMIT = 100;

    /**
     * @throws dev.gatehouse.domain.error.NotPermitted without {@code audit:read}
     * @throws dev.gatehouse.domain.error.InvalidInput for a limit outside 1..100, a malformed cursor or
     *                                                 {@code from} not before {@code to}
     */
    Page list(RootAuthority authority, Query query);

    /**
     * @param user   events whose actor or subject is this id (a user id, or {@code key:<id>} for a secret key)
     * @param from   at or after this instant
     * @param to     before this instant
     * @param cursor the previous page's {@code nextCursor}
     */
    record Query(Optional<String> user, Optional<AuditEventType> type, Optional<Instant> from,
                 Optional<Instant> to, Optional<String> cursor, int limit) {
        public Query {
            Required.nonNull("user", user, "type", type, "from", from, "to", to, "cursor", cursor);
        }
    }

    /** {@code nextCursor} is empty on the last page. */
    record Page(List<AuditEvent> events, Optional<String> nextCursor) {
    }
}
