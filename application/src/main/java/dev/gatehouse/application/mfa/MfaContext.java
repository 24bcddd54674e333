package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.RecoveryCodeHash;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What the second-factor services share inside the feature: the ports, the sessions feature and a few helpers. */
record MfaContext(TenantDirectory tenants, UserRepository users, SessionRepository sessionStore, MfaKit kit,
                  SessionsFeature sessions, MailComposer mail, Essentials essentials, SecondFactors secondFactors) {

    /** A fresh set of recovery codes (shown once) from the secret generator's randomness. */
    List<RecoveryCode> newRecoveryCodes() {
        return RecoveryCode.generateSet(() -> Base64.getUrlDecoder().decode(essentials.secrets().newSecret(16)));
    }

    static List<RecoveryCodeHash> hashes(User user, List<RecoveryCode> codes) {
        return codes.stream().map(code -> code.hash(user.id())).toList();
    }

    /** The security notice a factor change mails the user (inside the change's unit of work: the outbox). */
    void notice(Tenant tenant, User user, MailKind kind, Instant now) {
        mail.send(tenant, kind, user.email(), Map.of("changedAt", now.toString()));
    }

    static AuditEvent event(Tenant tenant, AuditEventType type, Instant now, ClientInfo client, User user) {
        return AuditEvent.of(tenant.id(), type, now, client).withActor(user.id()).withSubject(user.id());
    }
}
