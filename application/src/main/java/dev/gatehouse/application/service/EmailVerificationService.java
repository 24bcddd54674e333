package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.EmailVerificationUseCase;
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
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.Map;
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

    EmailVerificationService(TenantDirectory tenants, UserRepository users, OneTimeCodes codes, RecoveryLinks links,
                             MailComposer mail, AuditLog audit, TransactionRunner transactions, Clock clock,
                             RateLimiter limiter, MailboxProofs proofs) {
        this.limiter = limiter;
        this.proofs = proofs;
        this.tenants = tenants;
        this.users = users;
        this.codes = codes;
        this.links = links;
        this.mail = mail;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
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
            sendCode(tenant, user, base);
            return null;
        });
        return true;
    }

    /** Inside the caller's unit of work: a new verification code for the user, mailed. */
    void sendCode(Tenant tenant, User user, Optional<String> base) {
        OneTimeCodes.Issued issued = codes.prepare(tenant.id(), CodeKind.EMAIL_VERIFICATION, user.email(),
                Optional.of(user.id()));
        codes.store(issued);
        mail.send(tenant, MailKind.EMAIL_VERIFICATION, user.email(), Map.of(
                "code", issued.plain(),
                "link", OneTimeCodes.link(base.orElse(null), issued.plain(), user.email()),
                "expiresInMinutes", String.valueOf(codes.lifetime(CodeKind.EMAIL_VERIFICATION).toMinutes())));
    }

    /** The link base of a verification mail sent on sign-up: the tenant's first allowed redirect URL. */
    Optional<String> defaultBase(Tenant tenant) {
        return links.base(tenant, Optional.empty(), "redirectUrl");
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
