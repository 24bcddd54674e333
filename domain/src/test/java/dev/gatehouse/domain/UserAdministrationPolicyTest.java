package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.policy.UserAdministrationPolicy;
import dev.gatehouse.domain.policy.UserAdministrationPolicy.Change;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserAdministrationPolicyTest {
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final AccountId acme = new AccountId(UUID.randomUUID());
    private final AccountId globex = new AccountId(UUID.randomUUID());
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private User member(Role role) {
        return User.restore(new UserId(UUID.randomUUID()), tenant, acme, new EmailAddress(UUID.randomUUID() + "@x.io"),
                new PasswordHash("$2b$10$x"), role, now, UserStatus.ACTIVE);
    }

    private static Change role(Role role) {
        return new Change(Optional.of(role), Optional.empty(), Optional.empty());
    }

    private static Change move(AccountId account) {
        return new Change(Optional.empty(), Optional.of(account), Optional.empty());
    }

    private static Change status(UserStatus status) {
        return new Change(Optional.empty(), Optional.empty(), Optional.of(status));
    }

    @Test
    void appliesEveryPartOfAChangeAndKeepsTheRest() {
        User user = member(Role.USER);
        User changed = UserAdministrationPolicy.apply(user,
                new Change(Optional.of(Role.ACCOUNT_ADMIN), Optional.of(globex), Optional.of(UserStatus.DISABLED)), 1);
        assertThat(changed.role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(changed.accountId()).isEqualTo(globex);
        assertThat(changed.status()).isEqualTo(UserStatus.DISABLED);
        assertThat(changed.withRole(user.role()).withAccount(acme).withStatus(UserStatus.ACTIVE)).isEqualTo(user);
    }

    @Test
    void refusesAnEmptyChange() {
        assertThatThrownBy(() -> new Change(Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at least one");
    }

    @Test
    void neverGrantsTheRootRole() {
        assertThatThrownBy(() -> UserAdministrationPolicy.apply(member(Role.ACCOUNT_ADMIN), role(Role.ROOT), 5))
                .isInstanceOf(NotPermitted.class).hasMessageContaining("operator");
    }

    @Test
    void leavesRootUsersToTheOperator() {
        User root = member(Role.ROOT);
        assertThatThrownBy(() -> UserAdministrationPolicy.apply(root, role(Role.USER), 5)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> UserAdministrationPolicy.apply(root, move(globex), 5)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> UserAdministrationPolicy.apply(root, status(UserStatus.DISABLED), 5))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> UserAdministrationPolicy.checkCanDelete(root, 5, 1)).isInstanceOf(NotPermitted.class);
    }

    @Test
    void refusesToDemoteMoveOrDeleteTheLastAdminOfAnAccount() {
        User admin = member(Role.ACCOUNT_ADMIN);
        assertThatThrownBy(() -> UserAdministrationPolicy.apply(admin, role(Role.USER), 1))
                .isInstanceOf(LastAdminRequired.class);
        assertThatThrownBy(() -> UserAdministrationPolicy.apply(admin, move(globex), 1))
                .isInstanceOf(LastAdminRequired.class);
        assertThatThrownBy(() -> UserAdministrationPolicy.checkCanDelete(admin, 1, 2))
                .isInstanceOf(LastAdminRequired.class).hasMessageContaining("make another member an admin first");
    }

    @Test
    void letsTheLastAdminWhoIsAlsoTheLastMemberBeDeletedWithTheAccount() {
        assertThatCode(() -> UserAdministrationPolicy.checkCanDelete(member(Role.ACCOUNT_ADMIN), 1, 1))
                .doesNotThrowAnyException();
    }

    @Test
    void letsAnAdminGoWhenAnotherAdminStays() {
        User admin = member(Role.ACCOUNT_ADMIN);
        assertThatCode(() -> UserAdministrationPolicy.apply(admin, role(Role.USER), 2)).doesNotThrowAnyException();
        assertThatCode(() -> UserAdministrationPolicy.apply(admin, move(globex), 2)).doesNotThrowAnyException();
        assertThatCode(() -> UserAdministrationPolicy.checkCanDelete(admin, 2, 3)).doesNotThrowAnyException();
    }

    @Test
    void letsTheLastAdminBeDisabledOrKeptInPlace() {
        User admin = member(Role.ACCOUNT_ADMIN);
        assertThat(UserAdministrationPolicy.apply(admin, status(UserStatus.DISABLED), 1).status())
                .isEqualTo(UserStatus.DISABLED);
        assertThat(UserAdministrationPolicy.apply(admin, role(Role.ACCOUNT_ADMIN), 1)).isEqualTo(admin);
        assertThat(UserAdministrationPolicy.apply(admin, move(acme), 1)).isEqualTo(admin);
    }

    @Test
    void plainUsersMoveAndLeaveFreely() {
        User user = member(Role.USER);
        assertThat(UserAdministrationPolicy.apply(user, move(globex), 0).accountId()).isEqualTo(globex);
        assertThatCode(() -> UserAdministrationPolicy.checkCanDelete(user, 0, 4)).doesNotThrowAnyException();
    }

    @Test
    void endsSessionsOnNewRoleNewAccountOrDisablingButNotOnEnablingOrNoChange() {
        User user = member(Role.USER);
        assertThat(UserAdministrationPolicy.endsSessions(user, user.withRole(Role.ACCOUNT_ADMIN))).isTrue();
        assertThat(UserAdministrationPolicy.endsSessions(user, user.withAccount(globex))).isTrue();
        assertThat(UserAdministrationPolicy.endsSessions(user, user.withStatus(UserStatus.DISABLED))).isTrue();
        User disabled = user.withStatus(UserStatus.DISABLED);
        assertThat(UserAdministrationPolicy.endsSessions(disabled, user)).isFalse();
        assertThat(UserAdministrationPolicy.endsSessions(user, user)).isFalse();
        assertThat(UserAdministrationPolicy.endsSessions(disabled, disabled)).isFalse();
    }
}
