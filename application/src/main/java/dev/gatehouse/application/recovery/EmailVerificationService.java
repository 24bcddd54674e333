package dev.gatehouse.application.recovery;

import dev.gatehouse.application.support.Essentials;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.support.RateLimiter;
import dev.gatehouse.application.tenants.TenantDirectory;

import dev.gatehouse.application.recovery.port.in.EmailVerificationUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.TransactionRunner;
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

final class EmailVerificationService implements EmailVerificationUseCase {
    private final TenantDirectory tenants;
    private final UserRepository users;
    private final OneTimeCodes codes;
    private final RecoveryLinks links;
    private final MailComposer mail;
    private final AuditLog audit;
    private final TransactionRunner transactions;
    private final Clock clock;

    private final RateLimiter limiter;
    private final MailboxProofs proofs;
    private final VerificationMails verificationMails;

    EmailVerificationService(RecoveryKit kit, UserRepository users, Essentials essentials) {
        this.limiter = essentials.limiter();
        this.proofs = kit.proofs();
        this.verificationMails = kit.verificationMails();
        this.tenants = kit.tenants();
        this.users = users;
        this.codes = kit.codes();
        this.links = kit.links();
        this.mail = kit.mail();
        this.audit = essentials.audit();
        this.transactions = essentials.transactions();
        this.clock = essentials.clock();
    }

    @Override
    public boolean send(Principal principal, Optional<String> redirectUrl, ClientInfo client) {
        Tenant tenant = tenants.require(principal.tenantId());
        Optional<String> base = links.base(tenant, redirectUrl, "redirectUrl");
        User user = users.findById(tenant.id(), principal.userId())
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        if (user.emailVerified()) {
            return false;
        }
        limiter.beforeRecoveryRequest(tenant, user.email(), client);
        transactions.inTransaction(() -> {
            verificationMails.send(tenant, user, base);
            return null;
        });
        return true;
    }

    @Override
    public User verify(TenantId tenantId, String code, ClientInfo client) {
        Tenant tenant = tenants.require(tenantId);
        limiter.beforeCodeCheck(tenant, null, client);
        OneTimeCode accepted = codes.acceptByValue(tenant.id(), CodeKind.EMAIL_VERIFICATION, code);
        User user = accepted.userId().flatMap(id -> users.findById(tenant.id(), id))
                .filter(u -> u.email().equals(accepted.email()))
                .orElseThrow(InvalidCode::new);
        Instant now = clock.now();
        // The first proof ends every session of the user opened before it (whoever asked for the code, possibly not
        // the owner, may hold one) and keeps the password, which the owner may have set.
        MailboxProofs.Proof proof = transactions.inTransaction(() -> {
            codes.use(accepted, now);
            MailboxProofs.Proof made = proofs.prove(user, Optional.empty(), now);
            if (made.first()) {
                audit.record(AuditEvent.of(tenant.id(), AuditEventType.EMAIL_VERIFIED, now, client)
                        .withActor(user.id()).withSubject(user.id()).withDetail("by", "verificationCode")
                        .withDetail("sessionsEnded", String.valueOf(made.sessionsEnded().size())));
            }
            return made;
        });
        proofs.ended(proof);
        return users.findById(tenant.id(), user.id()).orElse(user.withEmailVerified());
    }
}
