package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.Optional;

public interface UserRepository {

    /**
     * Stores a new user.
     *
     * @throws EmailAlreadyInUse when the tenant already has a user with this email, also when the other
     *                           user is being inserted concurrently (enforced by the store, not by a prior read)
     */
    void insert(User user);

    Optional<User> findByEmail(TenantId tenantId, EmailAddress email);

    Optional<User> findById(TenantId tenantId, UserId id);

    /** Replaces the stored hash; false when no such user exists in the tenant. */
    boolean updatePasswordHash(TenantId tenantId, UserId id, PasswordHash hash);
}
