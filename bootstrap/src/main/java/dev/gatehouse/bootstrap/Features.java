package dev.gatehouse.bootstrap;

import dev.gatehouse.application.lifecycle.LifecycleFeature;
import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.adapters.persistence.Database;
import dev.gatehouse.application.accounts.AccountsFeature;
import dev.gatehouse.application.admin.AdminFeature;
import dev.gatehouse.application.apikeys.ApiKeysFeature;
import dev.gatehouse.application.audit.AuditFeature;
import dev.gatehouse.application.auth.AuthFeature;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.application.invitations.InvitationsFeature;
import dev.gatehouse.application.emailchange.EmailChangeFeature;
import dev.gatehouse.application.imports.ImportsFeature;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.mail.MailSetup;
import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.signingkeys.SigningKeysFeature;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.mfa.MfaFeature;
import dev.gatehouse.application.mfa.MfaKit;
import dev.gatehouse.application.oauth.OAuthFeature;
import dev.gatehouse.application.oauth.OAuthKit;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;
import dev.gatehouse.adapters.crypto.JwtTokenService;

/** Every feature of the application, each wired over the database's stores and the other features it needs. */
final class Features {
    final TenantsFeature tenants;
    final MailFeature mail;
    final SessionsFeature sessions;
    final RecoveryFeature recovery;
    final AuthFeature auth;
    final AccountsFeature accounts;
    final AdminFeature admin;
    final ApiKeysFeature apiKeys;
    final AuditFeature audit;
    final SigningKeysFeature signingKeys;
    final MfaFeature mfa;
    final OAuthFeature oauth;
    final LifecycleFeature lifecycle;
    final InvitationsFeature invitations;
    final EmailChangeFeature emailChange;
    final ImportsFeature imports;
    final CheckReadinessUseCase readiness;

    Features(Database db, JwtTokenService tokens, Credentials credentials, ExternalTokenVerifier external,
             MailSetup mailSetup, Essentials essentials, MfaKit mfaKit, OAuthKit oauthKit) {
        this.tenants = new TenantsFeature(db.tenants(), db.accounts(), db.users(), credentials, essentials);
        this.mail = new MailFeature(mailSetup, essentials);
        this.sessions = new SessionsFeature(db.users(), db.sessions(), db.refreshGrants(), mfaKit.factors(),
                mfaKit.challenges(), tokens, tokens, essentials);
        this.recovery = new RecoveryFeature(tenants, sessions, mail, db.oneTimeCodes(), db.accounts(), db.users(),
                db.sessions(), credentials, essentials);
        this.auth = new AuthFeature(tenants, sessions, recovery, mail, db.accounts(), db.users(), external, credentials,
                essentials);
        UserDeletion deletion = new UserDeletion(db.users(), db.sessions(), db.personalData());
        this.accounts = new AccountsFeature(tenants, sessions, recovery, mail, db.accounts(), db.users(), db.sessions(),
                credentials, deletion, essentials);
        this.admin = new AdminFeature(sessions, db.accounts(), db.users(), db.sessions(), mfaKit.factors(), deletion,
                essentials);
        this.apiKeys = new ApiKeysFeature(tenants, db.tenants(), db.secretKeys(), essentials);
        this.audit = new AuditFeature(db.auditTrail(), essentials.clock());
        this.signingKeys = new SigningKeysFeature(tokens, essentials.settings());
        this.mfa = new MfaFeature(tenants, sessions, mail, db.users(), db.sessions(), mfaKit, credentials, essentials);
        this.oauth = new OAuthFeature(tenants, sessions, recovery, db.accounts(), db.users(), oauthKit, essentials);
        this.lifecycle = new LifecycleFeature(tenants, sessions, mfa, new LifecycleFeature.Stores(db.accounts(),
                db.users(), db.sessions(), oauthKit.identities(), mfaKit.factors(), db.auditTrail()), deletion,
                essentials);
        this.invitations = new InvitationsFeature(tenants, sessions, recovery, mail, db.invitations(), db.accounts(),
                db.users(), db.sessions(), credentials, essentials);
        this.emailChange = new EmailChangeFeature(tenants, sessions, recovery, mail, db.users(), db.sessions(),
                db.emailChanges(), essentials);
        this.imports = new ImportsFeature(tenants, db.accounts(), db.userImports(), essentials);
        this.readiness = db.health()::isHealthy;
    }
}
