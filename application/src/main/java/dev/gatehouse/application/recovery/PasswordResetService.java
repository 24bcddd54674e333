package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.sessions.SessionRevocations;

import dev.gatehouse.application.recovery.port.in.PasswordResetUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.UserNotFound;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

record PasswordResetService(RecoveryKit kit, UserRepository users, SessionRepository sessions,
                            SessionRevocations revocations, Credentials credentials, Essentials essentials)
        implements PasswordResetUseCase {
    @Override
    public void requestReset(RequestCommand command) {
        Tenant tenant = kit.tenants().require(command.tenantId());
        essentials.limiter().beforeRecoveryRequest(tenant, command.email(), command.client());
        Optional<String> base = kit.links().base(tenant, command.redirectUrl(), "redirectUrl");
        Optional<User> user = users.findByEmail(tenant.id(), command.email()).filter(User::maySignIn);
        // The same work for an unknown address: a code is made and stored (bound to no user, so it can never
        // reset anything) and the mail rendered; only its enqueueing is left out.
        OneTimeCodes.Issued issued = kit.codes().prepare(tenant.id(), CodeKind.PASSWORD_RESET, command.email(),
                user.map(User::id));
        essentials.transactions().inTransaction(() -> {
            kit.codes().store(issued);
            if (user.isPresent()) {
                mailCode(tenant, user.get(), issued, base.orElse(null));
            } else {
                kit.mail().templateOf(tenant.id(), MailKind.PASSWORD_RESET)
                        .render(codeValues(issued, base.orElse(null), command.email()));
            }
            essentials.audit().record(event(tenant, AuditEventType.PASSWORD_RESET_REQUESTED, command.client())
                    .withSubject(user.map(u -> AuditEvent.user(u.id())).orElse(null))
                    .withDetail("knownAddress", String.valueOf(user.isPresent())));
            return null;
        });
    }

    @Override
    public String issueCode(RootAuthority root, dev.gatehouse.domain.user.EmailAddress email, boolean sendMail,
                            ClientInfo client) {
        root.require(Scope.USERS_WRITE);
        Tenant tenant = kit.tenants().require(root.tenantId());
        User user = users.findByEmail(tenant.id(), email).orElseThrow(UserNotFound::new);
        TargetUserPolicy.checkMayActOn(root.asActor(), user);
        OneTimeCodes.Issued issued = kit.codes().prepare(tenant.id(), CodeKind.PASSWORD_RESET, email,
                Optional.of(user.id()));
        Optional<String> base = kit.links().base(tenant, Optional.empty(), "link");
        essentials.transactions().inTransaction(() -> {
            kit.codes().store(issued);
            if (sendMail) {
                mailCode(tenant, user, issued, base.orElse(null));
            }
            essentials.audit().record(event(tenant, AuditEventType.PASSWORD_RESET_REQUESTED, client)
                    .withActor(root.actor()).withSubject(user.id()).withDetail("mailed", String.valueOf(sendMail)));
            return null;
        });
        return issued.plain();
    }

    @Override
    public void reset(ResetCommand command) {
        Tenant tenant = kit.tenants().require(command.tenantId());
        // The new password is checked before the code, so a refused password does not spend the code.
        tenant.settings().passwordPolicy().checkNewPassword(command.newPassword(), command.email(),
                credentials.hasher().maxPasswordBytes(), credentials.commonPasswords());
        essentials.limiter().beforeCodeCheck(tenant, command.email(), command.client());
        OneTimeCode code = kit.codes().accept(tenant.id(), CodeKind.PASSWORD_RESET, command.email(), command.code());
        User user = users.findByEmail(tenant.id(), command.email())
                .filter(u -> code.userId().isPresent() && code.userId().get().equals(u.id()))
                .orElseThrow(InvalidCode::new);
        PasswordHash hash = credentials.hasher().hash(command.newPassword()); // slow: before the unit of work opens
        Instant now = essentials.clock().now();
        List<Session> ended = essentials.transactions().inTransaction(() -> {
            kit.codes().use(code, now);
            users.updatePasswordHash(tenant.id(), user.id(), hash);
            users.markEmailVerified(tenant.id(), user.id());
            List<Session> revoked = sessions.revokeAllOfUser(tenant.id(), user.id(), Optional.empty(),
                    RevocationReason.PASSWORD_CHANGED, now);
            kit.mail().send(tenant, MailKind.PASSWORD_CHANGED, user.email(), Map.of("changedAt", now.toString()));
            essentials.audit().record(event(tenant, AuditEventType.PASSWORD_RESET_COMPLETED, command.client())
                    .withActor(user.id()).withSubject(user.id())
                    .withDetail("sessionsEnded", String.valueOf(revoked.size())));
            if (!user.emailVerified()) {
                essentials.audit().record(event(tenant, AuditEventType.EMAIL_VERIFIED, command.client())
                        .withActor(user.id()).withSubject(user.id()).withDetail("by", "passwordReset"));
            }
            return revoked;
        });
        ended.forEach(revocations::revokedHere);
    }

    private void mailCode(Tenant tenant, User user, OneTimeCodes.Issued issued, String linkBase) {
        kit.mail().send(tenant, MailKind.PASSWORD_RESET, user.email(), codeValues(issued, linkBase, user.email()));
    }

    private Map<String, String> codeValues(OneTimeCodes.Issued issued, String linkBase,
                                           dev.gatehouse.domain.user.EmailAddress to) {
        return Map.of("code", issued.plain(), "link", OneTimeCodes.link(linkBase, issued.plain(), to),
                "expiresInMinutes", String.valueOf(kit.codes().lifetime(CodeKind.PASSWORD_RESET).toMinutes()));
    }

    private AuditEvent event(Tenant tenant, AuditEventType type, ClientInfo client) {
        return AuditEvent.of(tenant.id(), type, essentials.clock().now(), client);
    }
}
