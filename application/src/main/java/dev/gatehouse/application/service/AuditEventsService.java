package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AuditEventsUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.AuditTrail;
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
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

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
        Optional<AuditTrail.Position> before = query.cursor().map(AuditEventsService::decodeCursor);
        List<AuditTrail.Entry> entries = trail.find(new AuditTrail.Query(authority.tenantId(), query.user(),
                query.type(), query.from(), query.to(), before, query.limit()));
        Optional<String> next = entries.size() < query.limit() ? Optional.empty()
                : Optional.of(encodeCursor(entries.get(entries.size() - 1).position()));
        return new Page(entries.stream().map(AuditTrail.Entry::event).toList(), next);
    }

    static String encodeCursor(AuditTrail.Position position) {
        String raw = position.time().getEpochSecond() + "." + position.time().getNano() + ":" + position.sequence();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static AuditTrail.Position decodeCursor(String cursor) {
        try {
            if (cursor.length() > 100) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int dot = raw.indexOf('.');
            int colon = raw.indexOf(':');
            Instant time = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Long.parseLong(raw.substring(dot + 1, colon)));
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw new IllegalArgumentException("out of range");
            }
            return new AuditTrail.Position(time, Long.parseLong(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInput("cursor", "is not a cursor from a previous page");
        }
    }
}
