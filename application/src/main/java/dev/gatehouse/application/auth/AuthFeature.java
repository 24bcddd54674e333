package dev.gatehouse.application.auth;

import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.auth.port.out.ExternalTokenVerifier;
import dev.gatehouse.application.mail.MailFeature;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.recovery.RecoveryFeature;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Credentials;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;

/** Wires the auth feature: sign-up and sign-in, each opening its session through the sessions feature. */
public final class AuthFeature implements AuthUseCases {
    private final RegisterUserService register;
    private final LoginService login;
    private final ExternalTokenService externalTokens;

    public AuthFeature(TenantsFeature tenants, SessionsFeature sessions, RecoveryFeature recovery, MailFeature mail,
                       AccountRepository accounts, UserRepository users, ExternalTokenVerifier externalTokenVerifier,
                       Credentials credentials, Essentials essentials) {
        this.register = new RegisterUserService(tenants.directory(), accounts, users, sessions.issuer(), credentials,
                essentials, recovery.verificationMails(), mail.notices());
        this.login = new LoginService(tenants.directory(), users, credentials.hasher(), sessions.issuer(),
                essentials.transactions(), essentials.audit(), essentials.clock(), essentials.limiter());
        this.externalTokens = new ExternalTokenService(externalTokenVerifier, users);
    }

    @Override
    public RegisterUserUseCase registerUser() {
        return register;
    }

    @Override
    public LoginUseCase login() {
        return login;
    }

    @Override
    public ExternalTokenUseCase externalTokens() {
        return externalTokens;
    }
}
