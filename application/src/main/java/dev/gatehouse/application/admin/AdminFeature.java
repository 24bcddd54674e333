package dev.gatehouse.application.admin;

import dev.gatehouse.application.admin.port.in.AdminSessionsUseCase;
import dev.gatehouse.application.admin.port.in.AdminUseCases;
import dev.gatehouse.application.admin.port.in.AdminUsersUseCase;
import dev.gatehouse.application.admin.port.in.ImpersonateUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.support.UserDeletion;

/** Wires the admin feature: what the root token or a secret key does to any user of the tenant. */
public final class AdminFeature implements AdminUseCases {
    private final AdminUsersService users;
    private final AdminSessionsService sessions;
    private final ImpersonateService impersonate;

    public AdminFeature(SessionsFeature sessionsFeature, AccountRepository accounts, UserRepository users,
                        SessionRepository sessions, MfaRepository factors, UserDeletion deletion, Essentials essentials) {
        this.users = new AdminUsersService(accounts, users, sessions, sessionsFeature.revocations(),
                essentials.transactions(), essentials.clock(), essentials.audit(), factors, deletion);
        this.sessions = new AdminSessionsService(users, sessions, sessionsFeature.revocations(), essentials.clock(),
                essentials.transactions(), essentials.audit());
        this.impersonate = new ImpersonateService(users, sessionsFeature.issuer(), essentials.transactions(),
                essentials.audit(), essentials.clock());
    }

    @Override
    public AdminUsersUseCase adminUsers() {
        return users;
    }

    @Override
    public AdminSessionsUseCase adminSessions() {
        return sessions;
    }

    @Override
    public ImpersonateUseCase impersonate() {
        return impersonate;
    }
}
