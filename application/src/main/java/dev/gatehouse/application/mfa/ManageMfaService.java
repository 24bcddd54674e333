package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mfa.port.in.ManageMfaUseCase;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.MfaConflict;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A signed-in user's own factors: status, turning TOTP off, new recovery codes (both after a step-up and a code). */
record ManageMfaService(MfaContext context) implements ManageMfaUseCase {
    @Override
    public Status status(Principal principal) {
        Optional<TotpFactor> factor = context.kit().factors().findTotp(principal.tenantId(), principal.userId());
        boolean on = factor.filter(TotpFactor::isConfirmed).isPresent();
        return new Status(on, factor.isPresent() && !on,
                on ? context.kit().factors().countUnusedRecoveryCodes(principal.tenantId(), principal.userId()) : 0);
    }

    @Override
    public void disable(Principal principal, DisableCommand command) {
        Tenant tenant = context.tenants().require(principal.tenantId());
        User user = signedInUser(principal);
        requireOn(tenant, user);
        context.secondFactors().check(tenant, user, command.code(), command.recoveryCode(), command.client(), "disable");
        Instant now = context.essentials().clock().now();
        context.essentials().transactions().inTransaction(() -> {
            context.kit().factors().deleteFactors(tenant.id(), user.id());
            context.kit().challenges().deleteForUser(tenant.id(), user.id());
            context.essentials().audit().record(MfaContext.event(tenant, AuditEventType.MFA_DISABLED, now,
                    command.client(), user).withDetail("factor", "totp"));
            context.notice(tenant, user, MailKind.MFA_DISABLED, now);
            return null;
        });
    }

    @Override
    public List<RecoveryCode> renewRecoveryCodes(Principal principal, RenewCommand command) {
        Tenant tenant = context.tenants().require(principal.tenantId());
        User user = signedInUser(principal);
        requireOn(tenant, user);
        context.secondFactors().check(tenant, user, Optional.of(command.code()), Optional.empty(), command.client(),
                "renewRecoveryCodes");
        List<RecoveryCode> codes = context.newRecoveryCodes();
        Instant now = context.essentials().clock().now();
        context.essentials().transactions().inTransaction(() -> {
            context.kit().factors().replaceRecoveryCodes(tenant.id(), user.id(), MfaContext.hashes(user, codes), now);
            context.essentials().audit().record(MfaContext.event(tenant, AuditEventType.RECOVERY_CODES_RENEWED, now,
                    command.client(), user));
            return null;
        });
        return codes;
    }

    /** The caller's user, after the step-up check every change here needs. */
    private User signedInUser(Principal principal) {
        context.sessions().stepUp().require(principal);
        return context.users().findById(principal.tenantId(), principal.userId()).filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
    }

    private void requireOn(Tenant tenant, User user) {
        if (context.kit().factors().findTotp(tenant.id(), user.id()).filter(TotpFactor::isConfirmed).isEmpty()) {
            throw MfaConflict.notOn();
        }
    }
}
