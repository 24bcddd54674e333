package dev.gatehouse.application.invitations;

import static dev.gatehouse.application.invitations.InvitationFixture.CLIENT;
import static dev.gatehouse.application.invitations.InvitationFixture.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.invitations.port.in.AcceptInvitationUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.TokenProfile;
import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.user.EmailAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Invitations under the default rate limits: a mailbox bombed with invitations, one admin mailing the world through
 * the tenant's sender, and a link guessed from one source. Each is refused with {@link RateLimited}.
 */
class InvitationAbuseTest {
    private final InvitationFixture fx = InvitationFixture.withRateLimits("pk_abuse");

    @Test
    void invitationsToOneAddressCountAgainstItsRecoveryMailLimitWithResetsTogether() {
        for (int i = 0; i < 4; i++) {
            Authenticated admin = fx.signUp("admin" + i + "@acme.io");
            fx.invite(admin, "target@example.io", Role.USER);
        }
        fx.world.useCases.passwordReset().requestReset(new PasswordResetUseCase.RequestCommand(fx.tenant.id(),
                new EmailAddress("target@example.io"), Optional.empty(), CLIENT)); // the fifth mail of the hour

        Authenticated sixth = fx.signUp("admin-six@acme.io");
        assertThatThrownBy(() -> fx.invite(sixth, "target@example.io", Role.USER)).isInstanceOf(RateLimited.class);
        assertThatThrownBy(() -> fx.invitations().invite(fx.rootToken(), command(sixth.user().accountId(),
                "target@example.io", Role.USER))).isInstanceOf(RateLimited.class);
        assertThat(fx.world.invitations.all()).hasSize(4);
        assertThat(fx.world.audit.events(AuditEventType.RATE_LIMIT_TRIPPED)).hasSize(1);
        fx.invite(sixth, "someone-else@example.io", Role.USER);
    }

    @Test
    void oneAdminsInvitationsStopAtTheUserAdditionsLimitSoTheTenantsSenderMailsNobodyInBulk() {
        Authenticated admin = fx.signUp("spammer@acme.io");
        for (int i = 0; i < 30; i++) {
            fx.invite(admin, "victim" + i + "@example.io", Role.USER);
        }

        assertThatThrownBy(() -> fx.invite(admin, "victim30@example.io", Role.USER)).isInstanceOf(RateLimited.class);
        assertThat(fx.world.mailOutbox.latestTo("victim30@example.io")).isEmpty();
        fx.invite(fx.signUp("honest@acme.io"), "friend@example.io", Role.USER);
    }

    @Test
    void acceptAttemptsFromOneSourceStopAtTheCodeLimitEvenWithTheRightToken() {
        fx.invite(fx.signUp("admin@acme.io"), "new@example.io", Role.USER);
        String token = fx.tokenSentTo("new@example.io");
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(() -> fx.accept("inv_guess")).isInstanceOf(InvalidCode.class);
        }

        assertThatThrownBy(() -> fx.accept(token)).isInstanceOf(RateLimited.class);
        ClientInfo elsewhere = new ClientInfo("203.0.113.99", "other/1.0");
        assertThat(fx.world.useCases.invitations.acceptInvitation().accept(new AcceptInvitationUseCase.Command(
                fx.tenant.id(), token, Optional.of(InvitationFixture.PASSWORD), Optional.empty(), elsewhere,
                TokenProfile.NATIVE)).authenticated().user().email().value()).isEqualTo("new@example.io");
    }
}
