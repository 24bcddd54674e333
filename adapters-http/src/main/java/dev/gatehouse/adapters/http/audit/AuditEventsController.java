package dev.gatehouse.adapters.http.audit;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.users.UserListQuery;

import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.application.audit.port.in.AuditEventsUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidInput;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/admin/audit-events?user=&type=&from=&to=&cursor=&limit=} under root authority (root token, or a
 * secret key with {@code audit:read}): 200 with one page of the tenant's audit events, newest first. The
 * credential and its scope are checked before the query is read.
 */
public record AuditEventsController(AuditEventsUseCase auditEvents, RequestContext http) implements Endpoints {
    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/v1/admin/audit-events", this::list);
    }

    public void list(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.AUDIT_READ);
        String raw = ctx.queryString();
        AuditEventsUseCase.Query query = new AuditEventsUseCase.Query(user(raw), type(raw), instant(raw, "from"),
                instant(raw, "to"), UserListQuery.value(raw, "cursor"), UserListQuery.limit(raw));
        AuditEventsUseCase.Page page = auditEvents.list(authority, query);
        JsonResponses.write(ctx, 200, new Page(page.events().stream().map(Event::from).toList(),
                page.nextCursor().orElse(null)));
    }

    /** A user id, or {@code key:<id>} for the actions of a secret key. */
    private static Optional<String> user(String raw) {
        return UserListQuery.value(raw, "user").map(value -> {
            String id = value.startsWith("key:") ? value.substring(4) : value;
            try {
                UUID parsed = UUID.fromString(id);
                if (!parsed.toString().equalsIgnoreCase(id)) {
                    throw new IllegalArgumentException("not canonical");
                }
                return value.startsWith("key:") ? AuditEvent.secretKey(parsed) : parsed.toString();
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("user", "must be a user id or key:<secret key id>");
            }
        });
    }

    private static Optional<AuditEventType> type(String raw) {
        return UserListQuery.value(raw, "type").map(name -> AuditEventType.fromName(name.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidInput("type", "must be one of " + Arrays.stream(AuditEventType.values())
                        .map(Enum::name).collect(Collectors.joining(", ")))));
    }

    private static Optional<Instant> instant(String raw, String name) {
        Optional<String> text = UserListQuery.value(raw, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (text.get().length() <= 40) {
                OffsetDateTime parsed = OffsetDateTime.parse(text.get());
                if (parsed.getYear() >= 1 && parsed.getYear() <= 9999) {
                    return Optional.of(parsed.toInstant());
                }
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidInput(name, "must be an ISO-8601 date and time with an offset between the years 1 and"
                + " 9999, e.g. 2026-01-31T23:59:59Z");
    }

    record Page(List<Event> events, String nextCursor) {
    }

    /** One event on the wire; {@code actor} and {@code subject} are null when there is none. */
    record Event(String type, String time, String actor, String subject, String ip, String userAgent,
                 Map<String, String> details) {
        static Event from(AuditEvent event) {
            return new Event(event.type().name(), event.time().toString(), event.actor(), event.subject(),
                    event.clientIp(), event.userAgent(), event.details());
        }
    }
}
