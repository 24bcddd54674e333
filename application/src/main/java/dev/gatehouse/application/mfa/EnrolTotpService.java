package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.MfaActor;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.error.MfaConflict;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.OtpauthUri;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.SealedTotpSecret;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpSecret;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Enrolment of an authenticator app. No factor before the mailbox was proved: a pending enrolment needs a verified
 * address. A signed-in user needs a recent proof (step-up); a sign-in held back by {@code mfa.required: all} enrols
 * with its {@code mfaToken}, and its confirmation opens the session that sign-in was refused.
 */
record EnrolTotpService(MfaContext context) implements EnrolTotpUseCase {
    /** Who is enrolling: the tenant, the user, and their session or the held-back sign-in's challenge. */
    private record Acting(Tenant tenant, User user, Optional<Principal> principal, Optional<String> challengeHash) {
    }

    private Acting resolve(MfaActor actor) {
        Instant now = context.essentials().clock().now();
        return switch (actor) {
            case MfaActor.SignedIn signedIn -> {
                Principal principal = signedIn.principal();
                Tenant tenant = context.tenants().require(principal.tenantId());
                context.sessions().stepUp().require(principal);
                User user = context.users().findById(tenant.id(), principal.userId()).filter(User::maySignIn)
                        .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
                yield new Acting(tenant, user, Optional.of(principal), Optional.empty());
            }
            case MfaActor.Enrolling enrolling -> {
                Tenant tenant = context.tenants().require(enrolling.tenantId());
                MfaContext.Challenged challenged = context.challenged(tenant, enrolling.mfaToken(),
                        MfaChallenge.Purpose.ENROL, now);
                yield new Acting(tenant, challenged.user(), Optional.empty(), Optional.of(challenged.hash()));
            }
        };
    }

    @Override
    public Enrolment begin(MfaActor actor, dev.gatehouse.domain.session.ClientInfo client) {
        Acting acting = resolve(actor);
        Tenant tenant = acting.tenant();
        User user = acting.user();
        if (!user.emailVerified()) {
            throw new EmailNotVerified();
        }
        if (context.kit().factors().findTotp(tenant.id(), user.id()).filter(TotpFactor::isConfirmed).isPresent()) {
            throw MfaConflict.alreadyOn();
        }
        TotpSecret secret = context.kit().totp().newSecret();
        TotpFactor pending = TotpFactor.enrol(tenant.id(), user.id(),
                SealedTotpSecret.seal(secret, tenant.id(), user.id(), context.kit().sealer()::seal),
                context.essentials().clock().now());
        if (!context.kit().factors().savePendingTotp(pending)) {
            throw MfaConflict.alreadyOn();
        }
        OtpauthUri uri = OtpauthUri.of(secret, issuer(tenant), user.email().value());
        return new Enrolment(secret.base32(), uri.value(), context.kit().qrCodes().svg(uri.value()));
    }

    /**
     * The issuer the authenticator app shows: the tenant's name without colons, which the otpauth label
     * ({@code issuer:account}) cannot hold even encoded (a tenant may well be named "Acme: staging").
     */
    static String issuer(Tenant tenant) {
        String issuer = tenant.name().replace(":", "").strip();
        return issuer.isEmpty() ? "Gatehouse" : issuer;
    }

    @Override
    public Confirmed confirm(MfaActor actor, ConfirmCommand command) {
        Acting acting = resolve(actor);
        Tenant tenant = acting.tenant();
        User user = acting.user();
        context.essentials().limiter().beforeSecondFactorCheck(tenant, user.id(), command.client());
        TotpFactor pending = context.kit().factors().findTotp(tenant.id(), user.id())
                .orElseThrow(MfaConflict::nothingPending);
        if (pending.isConfirmed()) {
            throw MfaConflict.alreadyOn();
        }
        Instant now = context.essentials().clock().now();
        Optional<TotpStep> step = context.kit().totp().verify(context.secondFactors().secret(tenant, user, pending),
                command.code(), now);
        if (step.isEmpty()) {
            acting.challengeHash().ifPresent(context.kit().challenges()::recordFailure);
            throw context.secondFactors().failed(tenant, user, command.client(), "enrolment", SecondFactors.Method.TOTP);
        }
        context.essentials().limiter().secondFactorSucceeded(tenant, user.id());
        List<RecoveryCode> codes = context.newRecoveryCodes();
        SessionIssuer issuer = context.sessions().issuer();
        Optional<SessionIssuer.Pending> session = acting.challengeHash()
                .map(hash -> issuer.prepareAfterSecondFactor(user, command.client()));
        List<Session> ended = context.essentials().transactions().inTransaction(() -> {
            if (!context.users().lockUnchanged(tenant.id(), user.id(), user.securityStamp())) {
                throw acting.principal().isPresent() ? new Unauthenticated(Unauthenticated.Reason.INVALID)
                        : new InvalidMfaToken();
            }
            if (acting.challengeHash().isPresent() && !context.kit().challenges().spend(acting.challengeHash().get(), now)) {
                throw new InvalidMfaToken();
            }
            if (!context.kit().factors().confirmTotp(tenant.id(), user.id(), step.get(), now)) {
                throw MfaConflict.nothingPending(); // confirmed meanwhile by a concurrent request
            }
            context.kit().factors().replaceRecoveryCodes(tenant.id(), user.id(), MfaContext.hashes(user, codes), now);
            context.kit().challenges().deleteForUser(tenant.id(), user.id());
            List<Session> others = context.sessionStore().revokeAllOfUser(tenant.id(), user.id(),
                    acting.principal().map(Principal::sessionId), RevocationReason.MFA_CHANGED, now);
            if (session.isPresent() && !issuer.persist(session.get())) {
                throw new InvalidMfaToken();
            }
            context.essentials().audit().record(MfaContext.event(tenant, AuditEventType.MFA_ENABLED, now,
                    command.client(), user).withDetail("factor", "totp")
                    .withDetail("sessionsEnded", String.valueOf(others.size())));
            if (session.isPresent()) {
                context.essentials().audit().record(MfaContext.event(tenant, AuditEventType.LOGIN_SUCCEEDED, now,
                        command.client(), user).withDetail("secondFactor", "enrolment"));
            }
            context.notice(tenant, user, MailKind.MFA_ENABLED, now);
            return others;
        });
        ended.forEach(context.sessions().revocations()::revokedHere);
        return new Confirmed(codes, session.map(opened -> issuer.completeSession(user, opened, command.profile())));
    }
}
