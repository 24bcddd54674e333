package dev.gatehouse.application.mfa;

import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.mfa.port.in.EnrolTotpUseCase;
import dev.gatehouse.application.mfa.port.in.ManageMfaUseCase;
import dev.gatehouse.application.mfa.port.in.MfaUseCases;
import dev.gatehouse.application.mfa.port.in.ReauthenticateUseCase;
import dev.gatehouse.application.mfa.port.in.ResetMfaUseCase;
import dev.gatehouse.application.mfa.port.in.VerifyMfaUseCase;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;

/** Second factors: TOTP enrolment, the sign-in's second step, step-up, the user's and the admin's factor changes. */
public final class MfaFeature implements MfaUseCases {
    private final EnrolTotpService enrol;
    private final ManageMfaService manage;
    private final VerifyMfaService verify;
    private final ReauthenticateService reauthenticate;
    private final ResetMfaService reset;

    public MfaFeature(TenantsFeature tenants, SessionsFeature sessions, MailFeature mail, UserRepository users,
                      SessionRepository sessionStore, MfaKit kit, Credentials credentials, Essentials essentials) {
        SecondFactors secondFactors = new SecondFactors(kit, essentials.limiter(), essentials.audit(),
                essentials.transactions(), essentials.clock());
        MfaContext context = new MfaContext(tenants.directory(), users, sessionStore, kit, sessions, mail.composer(),
                essentials, secondFactors);
        this.enrol = new EnrolTotpService(context);
        this.manage = new ManageMfaService(context);
        this.verify = new VerifyMfaService(context);
        this.reauthenticate = new ReauthenticateService(context, credentials.hasher());
        this.reset = new ResetMfaService(context);
    }

    @Override
    public EnrolTotpUseCase enrolTotp() {
        return enrol;
    }

    @Override
    public ManageMfaUseCase manageMfa() {
        return manage;
    }

    @Override
    public VerifyMfaUseCase verifyMfa() {
        return verify;
    }

    @Override
    public ReauthenticateUseCase reauthenticate() {
        return reauthenticate;
    }

    @Override
    public ResetMfaUseCase resetMfa() {
        return reset;
    }
}
