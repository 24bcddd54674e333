package dev.gatehouse.application.emailchange;

import dev.gatehouse.application.emailchange.port.out.EmailChangeStore;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.Required;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Duration;

/** What the email-change use cases share: the stores, the features they build on, and a few rules of the flow. */
record EmailChangeContext(TenantDirectory tenants, UserRepository users, SessionRepository sessions,
                          EmailChangeStore store, SessionsFeature sessionsFeature, RecoveryFeature recovery,
                          MailFeature mail, Essentials essentials) {
    /** Longer presented codes and tokens are refused without a look-up. */
    static final int MAX_PRESENTED_LENGTH = 200;

    EmailChangeContext {
        Required.nonNull("tenants", tenants, "users", users, "sessions", sessions, "store", store,
                "sessions feature", sessionsFeature, "recovery", recovery, "mail", mail, "essentials", essentials);
    }

    /** The principal's user, while it may sign in. */
    User signedIn(Principal principal) {
        return users.findById(principal.tenantId(), principal.userId()).filter(User::maySignIn)
                .orElseThrow(() -> new Unauthenticated(Unauthenticated.Reason.INVALID));
    }

    /** An email change's code lives as long as a reset code ({@code GATEHOUSE_RESET_CODE_TTL}, 1 hour by default). */
    Duration codeLifetime() {
        return essentials.settings().codeLifetimes().getOrDefault(CodeKind.PASSWORD_RESET,
                CodeKind.PASSWORD_RESET.defaultLifetime());
    }

    EmailChangeMails mails() {
        return new EmailChangeMails(mail.composer(), codeLifetime());
    }

    AuditEvent event(Tenant tenant, AuditEventType type, User user, ClientInfo client) {
        return AuditEvent.of(tenant.id(), type, essentials.clock().now(), client).withActor(user.id())
                .withSubject(user.id());
    }
}
