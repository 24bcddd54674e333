package dev.gatehouse.application.audit;

import dev.gatehouse.application.support.PageCursor;

import dev.gatehouse.application.audit.port.in.AuditEventsUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the audit log of the authority's tenant, and no other: the tenant comes from the credential, never from
 * the request. Pages are keyset pages on (time, sequence); the cursor encodes the last entry's position.
 */
final class AuditEventsService implements AuditEventsUseCase {
    /** Positions outside what every supported database stores are not from a previous page. */

    private final AuditTrail trail;

    AuditEventsService(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public Page list(RootAuthority authority, Query query) {
        authority.require(Scope.AUDIT_READ);
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (query.from().isPresent() && query.to().isPresent() && !query.from().get().isBefore(query.to().get())) {
            throw new InvalidInput("from", "must be before 'to'");
        }
        Optional<AuditTrail.Position> before = query.cursor().map(cursor -> PageCursor.decode(cursor,
                position -> new AuditTrail.Position(position.time(), Long.parseLong(position.tail()))));
        List<AuditTrail.Entry> entries = trail.find(new AuditTrail.Query(authority.tenantId(), query.user(),
                query.type(), query.from(), query.to(), before, query.limit()));
        Optional<String> next = entries.size() < query.limit() ? Optional.empty()
                : Optional.of(cursorAfter(entries.get(entries.size() - 1).position()));
        return new Page(entries.stream().map(AuditTrail.Entry::event).toList(), next);
    }

    private static String cursorAfter(AuditTrail.Position last) {
        return new PageCursor(last.time(), String.valueOf(last.sequence())).encode();
    }
}
