package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.recovery.port.in.EmailVerificationUseCase;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.Optional;

record EmailVerificationService(RecoveryKit kit, UserRepository users, Essentials essentials)
        implements EmailVerificationUseCase {
    @Override
    public boolean send(Principal principal, Optional<String> redirectUrl, ClientInfo client) {
        Tenant tenant = kit.tenants().require(principal.tenantId());
        Optional<String> base = kit.links().base(tenant, redirectUrl, "redirectUrl");
        User user = users.findById(tenant.id(), principal.userId())
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        if (user.emailVerified()) {
            return false;
        }
        essentials.limiter().beforeRecoveryRequest(tenant, user.email(), client);
        essentials.transactions().inTransaction(() -> {
            kit.verificationMails().send(tenant, user, base);
            return null;
        });
        return true;
    }

    @Override
    public User verify(TenantId tenantId, String code, ClientInfo client) {
        Tenant tenant = kit.tenants().require(tenantId);
        essentials.limiter().beforeCodeCheck(tenant, null, client);
        OneTimeCode accepted = kit.codes().acceptByValue(tenant.id(), CodeKind.EMAIL_VERIFICATION, code);
        User user = accepted.userId().flatMap(id -> users.findById(tenant.id(), id))
                .filter(u -> u.email().equals(accepted.email()))
                .orElseThrow(InvalidCode::new);
        Instant now = essentials.clock().now();
        // The first proof ends every session of the user opened before it (whoever asked for the code, possibly not
        // the owner, may hold one) and keeps the password, which the owner may have set.
        MailboxProofs.Proof proof = essentials.transactions().inTransaction(() -> {
            kit.codes().use(accepted, now);
            MailboxProofs.Proof made = kit.proofs().prove(user, Optional.empty(), now);
            if (made.first()) {
                essentials.audit().record(AuditEvent.of(tenant.id(), AuditEventType.EMAIL_VERIFIED, now, client)
                        .withActor(user.id()).withSubject(user.id()).withDetail("by", "verificationCode")
                        .withDetail("sessionsEnded", String.valueOf(made.sessionsEnded().size())));
            }
            return made;
        });
        kit.proofs().ended(proof);
        return users.findById(tenant.id(), user.id()).orElse(user.withEmailVerified());
    }
}
