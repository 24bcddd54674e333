package dev.gatehouse.domain.policy;

import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.user.UserId;
import java.util.Objects;
import java.util.UUID;

/**
 * Who acts on a user, as {@link TargetUserPolicy} tells them apart: the tenant's root token, one of the tenant's
 * secret keys, the operator (CLI, operator API), or a user of the tenant through their own session (by the role
 * their stored user row holds now, not the one their token claims).
 */
public sealed interface Actor {

    /** The tenant's root token: the tenant's full authority. */
    record TenantRootToken() implements Actor {
    }

    /** One of the tenant's secret keys ({@code sk_...}), whatever its scopes. */
    record SecretKey(UUID keyId) implements Actor {
        public SecretKey {
            Objects.requireNonNull(keyId, "key id");
        }
    }

    /** The operator of the installation, outside any tenant's credentials. */
    record Operator() implements Actor {
    }

    /** A user of the tenant acting through their session, with their current role. */
    record Member(UserId userId, Role role) implements Actor {
        public Member {
            Objects.requireNonNull(userId, "user id");
            Objects.requireNonNull(role, "role");
        }
    }
}
