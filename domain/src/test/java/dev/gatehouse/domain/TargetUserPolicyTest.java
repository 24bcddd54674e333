package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.policy.Actor;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetUserPolicyTest {
    private static final Actor ROOT_TOKEN = new Actor.TenantRootToken();
    private static final Actor OPERATOR = new Actor.Operator();
    private static final Actor KEY = new Actor.SecretKey(UUID.randomUUID());

    private static User user(Role role) {
        return User.restore(new UserId(UUID.randomUUID()), new TenantId(UUID.randomUUID()),
                new AccountId(UUID.randomUUID()), new EmailAddress(UUID.randomUUID() + "@x.io"),
                new PasswordHash("$2b$10$x"), role, Instant.parse("2026-01-01T00:00:00Z"), UserStatus.ACTIVE);
    }

    @Test
    void onlyTheRootTokenAndTheOperatorActOnARootUser() {
        User owner = user(Role.ROOT);
        assertThatCode(() -> TargetUserPolicy.checkMayActOn(ROOT_TOKEN, owner)).doesNotThrowAnyException();
        assertThatCode(() -> TargetUserPolicy.checkMayActOn(OPERATOR, owner)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TargetUserPolicy.checkMayActOn(KEY, owner)).isInstanceOf(NotPermitted.class)
                .hasMessageContaining("secret key");
        for (Role role : Role.values()) {
            assertThatThrownBy(() -> TargetUserPolicy.checkMayActOn(new Actor.Member(owner.id(), role), owner))
                    .as("a session of role %s, the owner's own included", role).isInstanceOf(NotPermitted.class);
        }
    }

    @Test
    void everyoneMayActOnUsersBelowRootAsFarAsThisPolicyGoes() {
        for (Role role : List.of(Role.USER, Role.ACCOUNT_ADMIN)) {
            User target = user(role);
            for (Actor actor : List.of(ROOT_TOKEN, OPERATOR, KEY, new Actor.Member(target.id(), Role.USER))) {
                assertThatCode(() -> TargetUserPolicy.checkMayActOn(actor, target)).as("%s on %s", actor, role)
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void anAccountHoldingARootUserGetsNoTokenButFromTheRootTokenOrTheOperator() {
        assertThatThrownBy(() -> TargetUserPolicy.checkMayActForAccount(KEY, 1)).isInstanceOf(NotPermitted.class);
        assertThatCode(() -> TargetUserPolicy.checkMayActForAccount(KEY, 0)).doesNotThrowAnyException();
        assertThatCode(() -> TargetUserPolicy.checkMayActForAccount(ROOT_TOKEN, 1)).doesNotThrowAnyException();
        assertThatCode(() -> TargetUserPolicy.checkMayActForAccount(OPERATOR, 2)).doesNotThrowAnyException();
    }
}
