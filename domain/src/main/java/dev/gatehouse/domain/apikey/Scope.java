package dev.gatehouse.domain.apikey;

import dev.gatehouse.domain.WireNames;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.EnumSet;
import java.util.Set;

/** What a secret key may do on its tenant. The root token holds every scope. */
public enum Scope {
    USERS_READ("users:read"),
    USERS_WRITE("users:write"),
    SESSIONS_ADMIN("sessions:admin"),
    TOKENS_INTROSPECT("tokens:introspect"),
    KEYS_ADMIN("keys:admin"),
    SETTINGS_ADMIN("settings:admin"),
    AUDIT_READ("audit:read");

    public static final Set<Scope> ALL = Set.copyOf(EnumSet.allOf(Scope.class));

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Scope fromWireName(String name) {
        return WireNames.find(values(), Scope::wireName, name).orElseThrow(() -> new InvalidInput("scopes",
                "unknown scope '" + WireNames.quoted(name) + "'; known: " + java.util.Arrays.stream(values())
                        .map(Scope::wireName).collect(java.util.stream.Collectors.joining(", "))));
    }
}
