package dev.gatehouse.domain.oauth;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * A provider account linked to a user: the provider's {@code (issuer, subject)} pair is the key, unique within the
 * tenant; {@code providerName} and {@code email} only say what the link was made through and what the provider said.
 */
public record Identity(UUID id, TenantId tenantId, UserId userId, String providerName, String issuer, String subject,
                       String email, Instant linkedAt) {
    public Identity {
        Required.nonNull("id", id, "tenant id", tenantId, "user id", userId, "provider name", providerName,
                "issuer", issuer, "subject", subject, "linked at", linkedAt);
    }
}
