package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.Texts;
import java.time.Instant;

/**
 * An isolated customer of Gatehouse: its own users, accounts, keys and settings. {@code publicKey} is
 * the tenant's first publishable key, the value StaticBackend clients send as {@code SB-PUBLIC-KEY}.
 */
public record Tenant(TenantId id, String name, String publicKey, TenantSettings settings, Instant created) {
    public static final int MAX_NAME_LENGTH = 100;

    public Tenant {
        Required.nonNull("id", id, "public key", publicKey, "settings", settings, "created", created);
        name = Texts.stripped("name", name, 1, MAX_NAME_LENGTH);
    }

    public static Tenant create(TenantId id, String name, String publicKey, TenantSettings settings, Instant now) {
        return new Tenant(id, name, publicKey, settings, now);
    }
}
