package dev.gatehouse.application.invitations;

import static dev.gatehouse.application.invitations.InvitationFixture.APP;
import static dev.gatehouse.application.invitations.InvitationFixture.CLIENT;
import static dev.gatehouse.application.invitations.InvitationFixture.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.accounts.port.in.AddAccountUserUseCase;
import dev.gatehouse.application.invitations.port.in.InvitationsUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.Digests;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.InvitationConflict;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may invite whom to which account, the mail and its link, sending again, listing and revoking. */
class InvitationsTest {
    private final InvitationFixture fx = InvitationFixture.create("pk_invitations");
    private final Authenticated admin = fx.signUp("admin@acme.io");

    @Test
    void anAdminsInvitationMailsASingleUseLinkToTheAllowedUrlAndStoresTheTokenOnlyHashed() {
        Invitation invitation = fx.invite(admin, "New@Example.io", Role.USER);

        assertThat(invitation.email().value()).isEqualTo("new@example.io");
        assertThat(invitation.accountId()).isEqualTo(admin.user().accountId());
        assertThat(invitation.invitedBy()).contains(admin.user().id());
        assertThat(invitation.expiresAt()).isEqualTo(fx.world.clock.now().plus(Duration.ofDays(7)));
        String token = fx.tokenSentTo("new@example.io");
        assertThat(token).startsWith("inv_").hasSizeGreaterThanOrEqualTo(4 + 43); // 256 bits, base64url
        OutboxMail mail = fx.mailTo("new@example.io");
        assertThat(mail.text()).contains(APP + "?token=" + token).contains("admin@acme.io invited new@example.io")
                .contains("expires in 10080 minutes");
        assertThat(invitation.tokenHash()).isEqualTo(Digests.sha256Hex(token)).doesNotContain(token);
        assertThat(fx.world.invitations.all().toString()).doesNotContain(token);
    }

    @Test
    void anInvitationIsAuditedWithIdsOnlyNeverTheAddressOrTheToken() {
        Invitation invitation = fx.invite(admin, "new@example.io", Role.ACCOUNT_ADMIN);
        String token = fx.tokenSentTo("new@example.io");

        AuditEvent event = fx.world.audit.events(AuditEventType.INVITATION_CREATED).getFirst();
        assertThat(event.actor()).isEqualTo(admin.user().id().toString());
        assertThat(event.subject()).isNull();
        assertThat(event.details()).containsEntry("invitation", invitation.id().toString())
                .containsEntry("accountId", admin.user().accountId().toString()).containsEntry("role", "ACCOUNT_ADMIN")
                .containsEntry("resent", "false");
        assertThat(event.clientIp()).isEqualTo(CLIENT.ipAddress());
        assertThat(fx.world.audit.events().toString()).doesNotContain("new@example.io").doesNotContain(token);
    }

    @Test
    void aPlainUserMayNotInviteListOrRevokeAndNobodyInvitesARoot() {
        fx.world.useCases.addAccountUser().add(fx.principal(admin), new AddAccountUserUseCase.Command(Optional.empty(),
                new EmailAddress("member@acme.io"), InvitationFixture.PASSWORD, Role.USER, CLIENT));
        Principal member = fx.principal(fx.signIn("member@acme.io"));
        Invitation pending = fx.invite(admin, "new@example.io", Role.USER);

        assertThatThrownBy(() -> fx.invitations().invite(member, command("x@example.io", Role.USER)))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> fx.invitations().list(member, new InvitationsUseCase.Query(Optional.empty(),
                Optional.empty(), 10))).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> fx.invitations().revoke(member, pending.id(), CLIENT)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> fx.invite(admin, "x@example.io", Role.ROOT)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("role");
        assertThatThrownBy(() -> fx.invitations().invite(fx.rootToken(), command(admin.user().accountId(),
                "x@example.io", Role.ROOT))).isInstanceOf(InvalidInput.class);
        assertThat(fx.invite(admin, "deputy@example.io", Role.ACCOUNT_ADMIN).role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(fx.world.mailOutbox.latestTo("x@example.io")).isEmpty();
    }

    @Test
    void aDemotedAdminsStillAcceptedTokenInvitesNobody() {
        Authenticated deputy = fx.signIn("admin@acme.io");
        fx.world.users.updateRole(fx.tenant.id(), admin.user().id(), Role.USER); // behind the token's back

        assertThatThrownBy(() -> fx.invite(deputy, "x@example.io", Role.USER)).isInstanceOf(NotPermitted.class);
        assertThat(fx.world.invitations.all()).isEmpty();
        assertThat(fx.world.mailOutbox.latestTo("x@example.io")).isEmpty();
    }

    @Test
    void aSignedInAdminInvitesToTheirOwnAccountOnly() {
        Authenticated other = fx.signUp("boss@globex.io");
        InvitationsUseCase.Command elsewhere = command(other.user().accountId(), "x@example.io", Role.USER);

        assertThatThrownBy(() -> fx.invitations().invite(fx.principal(admin), elsewhere))
                .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field()).isEqualTo("accountId");
        Invitation own = fx.invitations().invite(fx.principal(admin), command(admin.user().accountId(), "x@example.io",
                Role.USER));
        assertThat(own.accountId()).isEqualTo(admin.user().accountId());
    }

    @Test
    void aRedirectUrlTheTenantDoesNotAllowIsRefusedAndNothingIsSent() {
        InvitationsUseCase.Command evil = new InvitationsUseCase.Command(Optional.empty(),
                new EmailAddress("x@example.io"), Role.USER, "https://evil.example.net/join", CLIENT);

        assertThatThrownBy(() -> fx.invitations().invite(fx.principal(admin), evil)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("redirectUrl");
        assertThat(fx.world.invitations.all()).isEmpty();
        assertThat(fx.world.mailOutbox.latestTo("x@example.io")).isEmpty();
    }

    @Test
    void theRootTokenOrAUsersWriteKeyInvitesToANamedAccountAsTheTenant() {
        AccountId account = admin.user().accountId();
        RootAuthority key = fx.key(Scope.USERS_WRITE);

        assertThatThrownBy(() -> fx.invitations().invite(fx.rootToken(), command("x@example.io", Role.USER)))
                .isInstanceOf(InvalidInput.class).extracting(e -> ((InvalidInput) e).field()).isEqualTo("accountId");
        assertThatThrownBy(() -> fx.invitations().invite(fx.rootToken(), command(new AccountId(UUID.randomUUID()),
                "x@example.io", Role.USER))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> fx.invitations().invite(fx.key(Scope.USERS_READ), command(account, "x@example.io",
                Role.USER))).isInstanceOf(NotPermitted.class);

        Invitation byRoot = fx.invitations().invite(fx.rootToken(), command(account, "root-invited@example.io",
                Role.ACCOUNT_ADMIN));
        Invitation byKey = fx.invitations().invite(key, command(account, "key-invited@example.io", Role.USER));

        assertThat(byRoot.invitedBy()).isEmpty();
        assertThat(byKey.accountId()).isEqualTo(account);
        assertThat(fx.mailTo("key-invited@example.io").text()).contains(fx.tenant.name() + " invited");
        assertThat(fx.world.audit.events(AuditEventType.INVITATION_CREATED)).extracting(AuditEvent::actor)
                .containsExactly("root", key.actor());
    }

    @Test
    void aKeyNeverInvitesIntoTheAccountOfTheTenantsRootUserTheRootTokenMay() {
        ProvisionTenantUseCase.Provisioned acme = fx.world.useCases.provisionTenant().create(
                new ProvisionTenantUseCase.Command("Acme", new EmailAddress("owner@acme.io"),
                        Optional.of(new Password("long enough"))));
        InvitationFixture owned = new InvitationFixture(fx.world, acme.tenant());
        AccountId ownersAccount = fx.world.users.findByEmail(acme.tenant().id(), new EmailAddress("owner@acme.io"))
                .orElseThrow().accountId();

        assertThatThrownBy(() -> owned.invitations().invite(owned.key(Scope.ALL.toArray(Scope[]::new)),
                command(ownersAccount, "x@example.io", Role.USER))).isInstanceOf(NotPermitted.class);
        assertThat(owned.invitations().invite(owned.rootToken(), command(ownersAccount, "x@example.io", Role.USER))
                .accountId()).isEqualTo(ownersAccount);
    }

    @Test
    void anAddressOfAMemberOfTheAccountIsAConflictAnotherAccountsUserIsInvitedAsAnyAddress() {
        fx.signUp("elsewhere@globex.io");

        assertThatThrownBy(() -> fx.invite(admin, "ADMIN@acme.io", Role.USER)).isInstanceOf(InvitationConflict.class)
                .hasMessageContaining("already belongs to a member of the account");
        assertThat(fx.invite(admin, "elsewhere@globex.io", Role.USER).email().value()).isEqualTo("elsewhere@globex.io");
    }

    @Test
    void invitingAPendingAddressAgainGivesTheSameInvitationANewLinkAndExpiryAndEndsTheOldLink() {
        Invitation first = fx.invite(admin, "new@example.io", Role.USER);
        String oldToken = fx.tokenSentTo("new@example.io");
        fx.world.clock.advance(Duration.ofDays(3));

        Invitation again = fx.invite(fx.signIn("admin@acme.io"), "new@example.io", Role.ACCOUNT_ADMIN);
        String newToken = fx.tokenSentTo("new@example.io");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(again.role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(again.expiresAt()).isEqualTo(fx.world.clock.now().plus(Invitation.LIFETIME));
        assertThat(fx.world.invitations.all()).hasSize(1);
        assertThat(fx.world.audit.events(AuditEventType.INVITATION_CREATED).getLast().details())
                .containsEntry("resent", "true");
        assertThatThrownBy(() -> fx.accept(oldToken)).isInstanceOf(InvalidCode.class);
        assertThat(fx.accept(newToken).authenticated().user().role()).isEqualTo(Role.ACCOUNT_ADMIN);
    }

    @Test
    void theListShowsTheAccountsPendingInvitationsPageByPageWithoutExpiredOnes() {
        Invitation expired = fx.invite(admin, "old@example.io", Role.USER);
        fx.world.clock.advance(Duration.ofDays(6));
        Invitation a = fx.invite(fx.signIn("admin@acme.io"), "a@example.io", Role.USER);
        fx.world.clock.advance(Duration.ofSeconds(1));
        Invitation b = fx.invite(fx.signIn("admin@acme.io"), "b@example.io", Role.ACCOUNT_ADMIN);
        fx.world.clock.advance(Duration.ofDays(1));
        fx.invite(fx.signUp("boss@globex.io"), "c@example.io", Role.USER);
        Principal signedIn = fx.principal(fx.signIn("admin@acme.io"));

        InvitationsUseCase.Page first = fx.invitations().list(signedIn, new InvitationsUseCase.Query(
                Optional.empty(), Optional.empty(), 1));
        InvitationsUseCase.Page second = fx.invitations().list(signedIn, new InvitationsUseCase.Query(
                Optional.empty(), first.nextCursor(), 1));
        InvitationsUseCase.Page byRoot = fx.invitations().list(fx.key(Scope.USERS_READ), new InvitationsUseCase.Query(
                Optional.of(admin.user().accountId()), Optional.empty(), 10));

        assertThat(first.invitations()).containsExactly(a);
        assertThat(second.invitations()).containsExactly(b);
        assertThat(byRoot.invitations()).containsExactly(a, b).doesNotContain(expired);
        assertThat(byRoot.nextCursor()).isEmpty();
        assertThatThrownBy(() -> fx.invitations().list(fx.rootToken(), new InvitationsUseCase.Query(Optional.empty(),
                Optional.empty(), 10))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> fx.invitations().list(signedIn, new InvitationsUseCase.Query(Optional.empty(),
                Optional.of("not a cursor"), 10))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void revokingEndsTheLinkAtOnceAndAnotherAccountsOrTenantsInvitationIsNotFound() {
        Invitation pending = fx.invite(admin, "new@example.io", Role.USER);
        String token = fx.tokenSentTo("new@example.io");
        Authenticated otherAdmin = fx.signUp("boss@globex.io");
        InvitationFixture otherTenant = fx.otherTenant("pk_other");

        assertThatThrownBy(() -> fx.invitations().revoke(fx.principal(otherAdmin), pending.id(), CLIENT))
                .isInstanceOf(ResourceNotFound.class);
        assertThatThrownBy(() -> otherTenant.invitations().revoke(otherTenant.rootToken(), pending.id(), CLIENT))
                .isInstanceOf(ResourceNotFound.class);
        assertThatThrownBy(() -> fx.invitations().list(fx.principal(otherAdmin), new InvitationsUseCase.Query(
                Optional.of(admin.user().accountId()), Optional.empty(), 10))).isInstanceOf(InvalidInput.class);

        fx.invitations().revoke(fx.principal(admin), pending.id(), CLIENT);

        assertThatThrownBy(() -> fx.accept(token)).isInstanceOf(InvalidCode.class);
        assertThatThrownBy(() -> fx.invitations().revoke(fx.principal(admin), pending.id(), CLIENT))
                .isInstanceOf(ResourceNotFound.class);
        AuditEvent revoked = fx.world.audit.events(AuditEventType.INVITATION_REVOKED).getFirst();
        assertThat(revoked.actor()).isEqualTo(admin.user().id().toString());
        assertThat(revoked.details()).containsEntry("invitation", pending.id().toString());
        Invitation again = fx.invite(admin, "new@example.io", Role.USER);
        fx.invitations().revoke(fx.key(Scope.USERS_WRITE), again.id(), CLIENT);
        assertThat(fx.world.invitations.all()).isEmpty();
    }

    @Test
    void anHtmlMailEscapesWhatCallersWroteTheTenantsNameAndTheInvitersAddress() {
        InvitationFixture named = fx.otherTenant("pk_named", "<b>Acme & \"Co\"</b>");
        Authenticated owner = named.signUp("o'brien@acme.io");

        named.invitations().invite(named.rootToken(), command(owner.user().accountId(), "new@example.io", Role.USER));
        OutboxMail byRoot = named.mailTo("new@example.io");
        named.invite(owner, "other@example.io", Role.USER);
        OutboxMail byAdmin = named.mailTo("other@example.io");

        assertThat(byRoot.html()).contains("&lt;b&gt;Acme &amp; &quot;Co&quot;&lt;/b&gt; invited")
                .doesNotContain("<b>Acme");
        assertThat(byAdmin.html()).contains("o&#39;brien@acme.io invited").doesNotContain("o'brien");
        assertThat(List.of(byRoot.html(), byAdmin.html())).allSatisfy(html ->
                assertThat(html).contains("href=\"" + APP + "?token=inv_"));
    }
}
