package dev.gatehouse.application.lifecycle;

import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.lifecycle.port.in.DeleteOwnUserUseCase;
import dev.gatehouse.application.lifecycle.port.in.ExportOwnDataUseCase;
import dev.gatehouse.application.lifecycle.port.in.ExportUsersUseCase;
import dev.gatehouse.application.lifecycle.port.in.LifecycleUseCases;
import dev.gatehouse.application.lifecycle.port.in.UpdateOwnProfileUseCase;
import dev.gatehouse.application.lifecycle.port.in.UpdateUserProfileUseCase;
import dev.gatehouse.application.mfa.MfaFeature;
import dev.gatehouse.application.oauth.port.out.IdentityRepository;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.MfaRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.sessions.SessionsFeature;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;
import dev.gatehouse.application.support.UserDeletion;

/** Wires the user lifecycle: profiles, self-service deletion and the exports (docs/users.md). */
public final class LifecycleFeature implements LifecycleUseCases {
    private final ProfileService profiles;
    private final DeleteOwnUserService deleteOwn;
    private final ExportService exports;

    /** The stores the feature reads beside the users: what an export gathers. */
    public record Stores(AccountRepository accounts, UserRepository users, SessionRepository sessions,
                         IdentityRepository identities, MfaRepository factors, AuditTrail trail) {
    }

    public LifecycleFeature(TenantsFeature tenants, SessionsFeature sessions, MfaFeature mfa, Stores stores,
                            UserDeletion deletion, Essentials essentials) {
        this.profiles = new ProfileService(stores.users(), sessions.currentUser(), essentials);
        this.deleteOwn = new DeleteOwnUserService(stores.accounts(), stores.users(), deletion, sessions.stepUp(),
                mfa.reauthenticate(), sessions.revocations(), essentials);
        this.exports = new ExportService(tenants.directory(), stores.users(), stores.sessions(), stores.identities(),
                stores.factors(), stores.trail(), essentials);
    }

    @Override
    public UpdateOwnProfileUseCase updateOwnProfile() {
        return profiles;
    }

    @Override
    public UpdateUserProfileUseCase updateUserProfile() {
        return profiles;
    }

    @Override
    public DeleteOwnUserUseCase deleteOwnUser() {
        return deleteOwn;
    }

    @Override
    public ExportOwnDataUseCase exportOwnData() {
        return exports;
    }

    @Override
    public ExportUsersUseCase exportUsers() {
        return exports;
    }
}
