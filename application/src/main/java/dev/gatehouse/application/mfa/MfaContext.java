package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mail.MailComposer;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.SecretHashing;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mfa.MfaChallenge;
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

    /** A held-back sign-in's challenge, by the hash of its mfaToken (the key it is stored under), and its user. */
    record Challenged(String hash, User user) {
    }

    /**
     * The live challenge of this purpose that {@code mfaToken} names in the tenant, and its user as they are now: a
     * reset, disable or other session-ending change since the first step voids it, as it would a session.
     *
     * @throws InvalidMfaToken for a token that is unknown, expired, spent, of another purpose or voided
     */
    Challenged challenged(Tenant tenant, String mfaToken, MfaChallenge.Purpose purpose, Instant now) {
        String hash = SecretHashing.sha256Hex(mfaToken);
        MfaChallenge challenge = kit.challenges().find(hash)
                .filter(found -> found.tenantId().equals(tenant.id()) && found.isLiveAt(now)
                        && found.purpose() == purpose)
                .orElseThrow(InvalidMfaToken::new);
        User user = users.findById(tenant.id(), challenge.userId()).filter(User::maySignIn)
                .filter(challenge::issuedTo).orElseThrow(InvalidMfaToken::new);
        return new Challenged(hash, user);
    }

    /** The security notice a factor change mails the user (inside the change's unit of work: the outbox). */
    void notice(Tenant tenant, User user, MailKind kind, Instant now) {
        mail.send(tenant, kind, user.email(), Map.of("changedAt", now.toString()));
    }

    static AuditEvent event(Tenant tenant, AuditEventType type, Instant now, ClientInfo client, User user) {
        return AuditEvent.of(tenant.id(), type, now, client).withActor(user.id()).withSubject(user.id());
    }
}
