package dev.gatehouse.application.admin.port.in;

/** The admin feature's use cases: users and sessions of the whole tenant, and tokens for a user (sudo). */
public interface AdminUseCases {
    AdminUsersUseCase adminUsers();

    AdminSessionsUseCase adminSessions();

    ImpersonateUseCase impersonate();
}
