package dev.gatehouse.application.emailchange;

import dev.gatehouse.application.emailchange.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.QueryStrings;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.code.CodeHash;
import dev.gatehouse.domain.code.ResetCodeAlphabet;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.session.RevocationReason;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts and confirms a user's change of address (docs/adr/0027-email-change.md). A start answers alike whether the
 * new address is free or taken: the same pending change replaces the user's earlier one (whose code dies), the user's
 * current address gets the same notice, and only the mail to the new address differs (a code, or for a taken address
 * a notice to its owner), which only that mailbox's reader sees.
 */
record ChangeEmailService(EmailChangeContext context) implements ChangeEmailUseCase {
    /** Random bytes drawn for a code (the generator gives no fewer than 16); the first 12 are used. */
    private static final int CODE_RANDOM_BYTES = 16;
    /** 256 bits for the revert token, which travels only in the notice's link. */
    static final int REVERT_TOKEN_BYTES = 32;
    /** The query parameter of the revert link that carries the token to the app. */
    static final String REVERT_PARAMETER = "revertEmailChange";

    @Override
    public void start(StartCommand command) {
        context.sessionsFeature().stepUp().require(command.principal());
        begin(command, "native");
    }

    @Override
    public void startCompat(StartCommand command) {
        begin(command, "compat");
    }

    private void begin(StartCommand command, String route) {
        Essentials essentials = context.essentials();
        Principal principal = command.principal();
        Tenant tenant = context.tenants().require(principal.tenantId());
        User user = context.signedIn(principal);
        EmailAddress requested = command.email();
        if (requested.equals(user.email())) {
            throw new InvalidInput("email", "is already your address");
        }
        essentials.limiter().beforeEmailChange(tenant, user.email(), requested, command.client());
        boolean taken = context.users().findByEmail(tenant.id(), requested).isPresent();
        String code = ResetCodeAlphabet.fromRandomBytes(
                Base64.getUrlDecoder().decode(essentials.secrets().newSecret(CODE_RANDOM_BYTES)));
        Instant now = essentials.clock().now();
        PendingEmailChange pending = PendingEmailChange.start(essentials.ids().newId(), tenant.id(), user.id(),
                requested, CodeHash.ofTypedCode(code), now, context.codeLifetime());
        EmailChangeMails mails = context.mails();
        essentials.transactions().inTransaction(() -> {
            // The user's row lock orders concurrent starts of one user: each replaces the one before.
            if (!context.users().lockUnchanged(tenant.id(), user.id(), user.securityStamp())) {
                throw new Unauthenticated(Unauthenticated.Reason.INVALID);
            }
            context.store().replacePending(pending);
            if (taken) {
                mails.renderCode(tenant, requested, code);
            } else {
                mails.code(tenant, requested, code);
            }
            mails.requested(tenant, user.email(), requested, now);
            essentials.audit().record(context.event(tenant, AuditEventType.EMAIL_CHANGE_REQUESTED, user,
                    command.client()).withDetail("route", route));
            return null;
        });
        if (taken) {
            context.mail().notices().emailChangeAttempted(tenant, requested, command.client());
        }
    }

    @Override
    public User confirm(ConfirmCommand command) {
        Essentials essentials = context.essentials();
        Principal principal = command.principal();
        Tenant tenant = context.tenants().require(principal.tenantId());
        User user = context.signedIn(principal);
        essentials.limiter().beforeCodeCheck(tenant, null, command.client());
        PendingEmailChange pending = accepted(tenant, user, command.code());
        Instant now = essentials.clock().now();
        String token = essentials.secrets().newSecret(REVERT_TOKEN_BYTES);
        EmailChangeRevert revert = EmailChangeRevert.issue(tenant.id(), user.id(), user.email(), pending.newEmail(),
                SecretHashing.sha256Hex(token), now);
        String link = context.recovery().defaultLinkBase(tenant)
                .map(base -> QueryStrings.withQuery(base, Map.of(REVERT_PARAMETER, token))).orElse("");
        EmailChangeMails mails = context.mails();
        List<Session> ended;
        try {
            ended = essentials.transactions().inTransaction(() -> {
                if (!context.users().lockUnchanged(tenant.id(), user.id(), user.securityStamp())) {
                    throw new Unauthenticated(Unauthenticated.Reason.INVALID);
                }
                if (!context.store().takePending(tenant.id(), user.id(), pending.id(), now)) {
                    throw new InvalidCode(); // a concurrent confirmation took it, or a new start replaced it
                }
                context.users().updateEmail(tenant.id(), user.id(), pending.newEmail());
                context.recovery().endCodesFor(tenant.id(), user.email());
                context.recovery().endCodesFor(tenant.id(), pending.newEmail());
                List<Session> others = context.sessions().revokeAllOfUser(tenant.id(), user.id(),
                        Optional.of(principal.sessionId()), RevocationReason.EMAIL_CHANGED, now);
                // The session that made the change stays, bound to the new stamp (if it was bound to the old one).
                context.users().findById(tenant.id(), user.id()).ifPresent(changed -> context.sessions().restamp(
                        tenant.id(), principal.sessionId(), user.securityStamp(), changed.securityStamp()));
                context.store().insertRevert(revert);
                mails.changed(tenant, user.email(), pending.newEmail(), now, link, token);
                essentials.audit().record(context.event(tenant, AuditEventType.EMAIL_CHANGED, user, command.client())
                        .withDetail("sessionsEnded", String.valueOf(others.size())));
                return others;
            });
        } catch (EmailAlreadyInUse takenMeanwhile) {
            // Another account took the address after its code was mailed: this change can never complete.
            essentials.transactions().inTransaction(() -> context.store().deletePending(tenant.id(), user.id()));
            throw takenMeanwhile;
        }
        ended.forEach(context.sessionsFeature().revocations()::revokedHere);
        // The source that proved the session and the new mailbox is known to the new address's sign-in limits.
        essentials.limiter().loginSucceeded(tenant, pending.newEmail(), command.client());
        User changed = context.users().findById(tenant.id(), user.id())
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
        // The caller's session lives on: its cached user is the changed one at once (ADR 0020).
        context.sessionsFeature().currentUser().remember(principal, changed);
        return changed;
    }

    /**
     * The user's pending change when {@code presented} is its code now. A wrong code is counted in a unit of work of
     * its own, so it stays counted although the request fails.
     *
     * @throws InvalidCode otherwise, the same for every reason
     */
    private PendingEmailChange accepted(Tenant tenant, User user, String presented) {
        boolean plausible = presented != null && !presented.isBlank()
                && presented.length() <= EmailChangeContext.MAX_PRESENTED_LENGTH;
        String presentedHash = CodeHash.ofTypedCode(plausible ? presented : "");
        Optional<PendingEmailChange> found = context.store().findPending(tenant.id(), user.id());
        if (found.isEmpty() || !plausible) {
            CodeHash.matches(presentedHash, CodeHash.ofTypedCode("")); // the same work as a comparison
            throw new InvalidCode();
        }
        PendingEmailChange pending = found.get();
        switch (pending.check(presentedHash, context.essentials().clock().now())) {
            case ACCEPTED -> {
                return pending;
            }
            case WRONG -> {
                context.essentials().transactions().inTransaction(() ->
                        context.store().recordFailedAttempt(tenant.id(), user.id(), pending.id()));
                throw new InvalidCode();
            }
            default -> throw new InvalidCode();
        }
    }
}
