package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.LoginUseCase;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import java.util.Optional;

final class LoginService implements LoginUseCase {
    private final TenantDirectory tenants;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionIssuer sessions;
    private final TransactionRunner transactions;

    LoginService(TenantDirectory tenants, UserRepository users, PasswordHasher hasher, SessionIssuer sessions,
                 TransactionRunner transactions) {
        this.tenants = tenants;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    @Override
    public Authenticated login(Command command) {
        Tenant tenant = tenants.require(command.tenantId());
        PasswordPolicy.requireWithinHasherLimit(command.password(), hasher.maxPasswordBytes());
        Optional<User> found = users.findByEmail(tenant.id(), command.email());
        if (found.isEmpty()) {
            hasher.verifyDecoy(command.password()); // same cost as a real check: no timing oracle
            throw new InvalidCredentials();
        }
        User user = found.get();
        if (!hasher.verify(command.password(), user.passwordHash()) || !user.maySignIn()) {
            throw new InvalidCredentials();
        }
        if (hasher.needsRehash(user.passwordHash())) {
            PasswordHash upgraded = hasher.hash(command.password());
            users.updatePasswordHash(tenant.id(), user.id(), upgraded);
            user = user.withPasswordHash(upgraded);
        }
        SessionIssuer.Pending session = sessions.prepareNew(user, command.client());
        transactions.inTransaction(() -> {
            sessions.persist(session);
            return null;
        });
        return sessions.complete(user, session, command.profile());
    }
}
