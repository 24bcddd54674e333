package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.policy.AccountMembershipPolicy;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.SessionId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountMembershipPolicyTest {
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final AccountId acme = new AccountId(UUID.randomUUID());
    private final AccountId globex = new AccountId(UUID.randomUUID());
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private Principal actor(AccountId account, Role role) {
        return new Principal(tenant, new UserId(UUID.randomUUID()), account, role, new SessionId(UUID.randomUUID()),
                "jti", now, now.plusSeconds(60));
    }

    private User member(AccountId account, Role role) {
        return User.restore(new UserId(UUID.randomUUID()), tenant, account, new EmailAddress(UUID.randomUUID() + "@x.io"),
                new PasswordHash("$2b$10$x"), role, now, UserStatus.ACTIVE);
    }

    @Test
    void membersSeeTheirOwnAccountOnlyAndRootSeesAll() {
        assertThatCode(() -> AccountMembershipPolicy.checkCanView(actor(acme, Role.USER), acme)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanView(actor(acme, Role.ACCOUNT_ADMIN), globex))
                .isInstanceOf(UserNotFound.class);
        assertThatCode(() -> AccountMembershipPolicy.checkCanView(actor(acme, Role.ROOT), globex)).doesNotThrowAnyException();
    }

    @Test
    void plainUsersCannotAddOrRemoveAnyone() {
        Principal user = actor(acme, Role.USER);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanAdd(user, acme, Role.USER)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanRemove(user, member(acme, Role.USER), 1))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanChangeRole(user, member(acme, Role.USER),
                Role.ACCOUNT_ADMIN, 1)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void adminsManageTheirOwnAccountButNeverGrantRoot() {
        Principal admin = actor(acme, Role.ACCOUNT_ADMIN);
        assertThatCode(() -> AccountMembershipPolicy.checkCanAdd(admin, acme, Role.ACCOUNT_ADMIN)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanAdd(admin, acme, Role.ROOT)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanAdd(admin, globex, Role.USER)).isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanRemove(admin, member(globex, Role.USER), 2))
                .isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanChangeRole(admin, member(acme, Role.USER), Role.ROOT, 2))
                .isInstanceOf(NotPermitted.class);
    }

    @Test
    void nobodyActsOnAHigherRole() {
        Principal admin = actor(acme, Role.ACCOUNT_ADMIN);
        User root = member(acme, Role.ROOT);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanRemove(admin, root, 2)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanChangeRole(admin, root, Role.USER, 2))
                .isInstanceOf(NotPermitted.class);
    }

    @Test
    void rootActsOnEveryAccountOfItsTenant() {
        Principal root = actor(acme, Role.ROOT);
        assertThatCode(() -> AccountMembershipPolicy.checkCanAdd(root, globex, Role.ACCOUNT_ADMIN)).doesNotThrowAnyException();
        assertThatCode(() -> AccountMembershipPolicy.checkCanRemove(root, member(globex, Role.USER), 1))
                .doesNotThrowAnyException();
    }

    @Test
    void theLastAdminCanBeNeitherRemovedNorDemoted() {
        Principal admin = actor(acme, Role.ACCOUNT_ADMIN);
        User lastAdmin = member(acme, Role.ACCOUNT_ADMIN);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanRemove(admin, lastAdmin, 1))
                .isInstanceOf(LastAdminRequired.class);
        assertThatThrownBy(() -> AccountMembershipPolicy.checkCanChangeRole(admin, lastAdmin, Role.USER, 1))
                .isInstanceOf(LastAdminRequired.class);
        assertThatCode(() -> AccountMembershipPolicy.checkCanRemove(admin, lastAdmin, 2)).doesNotThrowAnyException();
        assertThatCode(() -> AccountMembershipPolicy.checkCanRemove(admin, member(acme, Role.USER), 1))
                .doesNotThrowAnyException();
    }
}
