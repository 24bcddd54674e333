package dev.gatehouse.domain.account;

import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.Texts;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.tenant.TenantId;
import java.time.Instant;

/** An organisation (or a single person's space): the unit that groups users and their data. */
public record Account(AccountId id, TenantId tenantId, String name, Instant created) {
    public static final int MAX_NAME_LENGTH = 200;

    public Account {
        Required.nonNull("id", id, "tenant id", tenantId, "created", created);
        name = Texts.stripped("name", name, 0, MAX_NAME_LENGTH);
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "must not contain control characters");
        }
    }

    /** A new account, named after the person who opened it until they rename it. */
    public static Account open(AccountId id, TenantId tenantId, String name, Instant now) {
        return new Account(id, tenantId, name, now);
    }
}
