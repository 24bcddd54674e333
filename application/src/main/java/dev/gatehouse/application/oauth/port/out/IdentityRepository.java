package dev.gatehouse.application.oauth.port.out;

import dev.gatehouse.domain.oauth.Identity;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Provider accounts linked to users. {@code (tenant, issuer, subject)} is unique: one provider account belongs to at
 * most one user of a tenant. A user's identities are deleted with the user (the store cascades).
 */
public interface IdentityRepository {

    Optional<Identity> find(TenantId tenant, String issuer, String subject);

    /** Oldest first. */
    List<Identity> ofUser(TenantId tenant, UserId user);

    /** @return false, inserting nothing, when that (issuer, subject) is linked already (to anybody) */
    boolean insert(Identity identity);

    /** @return whether the user had that identity */
    boolean delete(TenantId tenant, UserId user, UUID id);
}
