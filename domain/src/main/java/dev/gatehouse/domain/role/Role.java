package dev.gatehouse.domain.role;

import dev.gatehouse.domain.error.InvalidInput;

/**
 * What a user may do. Named in code; the integer levels exist only for the StaticBackend wire API
 * and storage (0 user, 50 account admin, 100 root, the tenant's owner).
 */
public enum Role {
    USER(0),
    ACCOUNT_ADMIN(50),
    ROOT(100);

    private final int level;

    Role(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean isAtLeast(Role other) {
        return level >= other.level;
    }

    public static Role fromLevel(int level) {
        for (Role role : values()) {
            if (role.level == level) {
                return role;
            }
        }
        throw new InvalidInput("role", "must be one of 0 (user), 50 (account admin), 100 (root)");
    }
}
