package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import java.time.Instant;
import java.util.Objects;

/**
 * An isolated customer of Gatehouse: its own users, accounts, keys and settings. {@code publicKey} is
 * the tenant's first publishable key, the value StaticBackend clients send as {@code SB-PUBLIC-KEY}.
 */
public record Tenant(TenantId id, String name, String publicKey, TenantSettings settings, Instant created) {
    public static final int MAX_NAME_LENGTH = 100;

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicKey, "public key");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(created, "created");
        name = requireName(name);
    }

    public static Tenant create(TenantId id, String name, String publicKey, TenantSettings settings, Instant now) {
        return new Tenant(id, name, publicKey, settings, now);
    }

    private static String requireName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInput("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }
}
