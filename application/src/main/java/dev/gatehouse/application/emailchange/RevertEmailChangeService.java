package dev.gatehouse.application.emailchange;

import dev.gatehouse.application.emailchange.port.in.RevertEmailChangeUseCase;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * "This was not me" (docs/adr/0027-email-change.md): the token mailed to the old address puts it back and ends every
 * session of the user, the attacker's included. A revert also voids the reverts of the user's later changes (which an
 * attacker would hold: their notices went to the attacker's addresses) but never an earlier one, so whoever holds the
 * oldest address has the last word.
 */
record RevertEmailChangeService(EmailChangeContext context) implements RevertEmailChangeUseCase {

    @Override
    public void revert(RevertCommand command) {
        Essentials essentials = context.essentials();
        Tenant tenant = context.tenants().require(command.tenantId());
        essentials.limiter().beforeCodeCheck(tenant, null, command.client());
        String token = command.token() == null ? "" : command.token().strip();
        if (token.isEmpty() || token.length() > EmailChangeContext.MAX_PRESENTED_LENGTH) {
            throw new InvalidCode();
        }
        Instant now = essentials.clock().now();
        EmailChangeRevert revert = context.store().findRevert(tenant.id(), SecretHashing.sha256Hex(token))
                .filter(found -> found.isLiveAt(now)).orElseThrow(InvalidCode::new);
        User user = context.users().findById(tenant.id(), revert.userId()).orElseThrow(InvalidCode::new);
        List<Session> ended;
        try {
            ended = essentials.transactions().inTransaction(() -> {
                if (!context.store().useRevert(tenant.id(), revert.tokenHash(), now)) {
                    throw new InvalidCode(); // used by a concurrent request
                }
                context.store().voidRevertsAfter(tenant.id(), user.id(), revert.created(), now);
                context.store().deletePending(tenant.id(), user.id());
                if (!context.users().updateEmail(tenant.id(), user.id(), revert.oldEmail())) {
                    throw new InvalidCode(); // the user was deleted meanwhile
                }
                context.recovery().endCodesFor(tenant.id(), revert.oldEmail());
                context.recovery().endCodesFor(tenant.id(), user.email()); // the address it leaves
                List<Session> all = context.sessions().revokeAllOfUser(tenant.id(), user.id(), Optional.empty(),
                        RevocationReason.EMAIL_CHANGED, now);
                essentials.audit().record(context.event(tenant, AuditEventType.EMAIL_CHANGE_REVERTED, user,
                        command.client()).withDetail("sessionsEnded", String.valueOf(all.size())));
                return all;
            });
        } catch (EmailAlreadyInUse taken) {
            throw new EmailAlreadyInUse("the earlier address belongs to another account now, so this change cannot be"
                    + " undone here: ask the administrator of " + tenant.name() + " for help");
        }
        ended.forEach(context.sessionsFeature().revocations()::revokedHere);
    }
}
