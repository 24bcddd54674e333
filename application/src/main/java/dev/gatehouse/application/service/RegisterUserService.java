package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;

final class RegisterUserService implements RegisterUserUseCase {
    private final TenantDirectory tenants;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final IdGenerator ids;
    private final SessionIssuer sessions;
    private final AuditLog audit;

    RegisterUserService(TenantDirectory tenants, AccountRepository accounts, UserRepository users,
                        PasswordHasher hasher, TransactionRunner transactions, Clock clock, IdGenerator ids,
                        SessionIssuer sessions, AuditLog audit) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.transactions = transactions;
        this.clock = clock;
        this.ids = ids;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public Authenticated register(Command command) {
        Tenant tenant = tenants.require(command.tenantId());
        tenant.settings().passwordPolicy().checkNewPassword(command.password(), hasher.maxPasswordBytes());
        // Hash before the transaction opens: the slow part holds no connection and no lock. Whether the
        // email is taken is decided by the store's unique index, never by an earlier read (races).
        PasswordHash hash = hasher.hash(command.password());
        Instant now = clock.now();
        Account account = Account.open(new AccountId(ids.newId()), tenant.id(), command.email().value(), now);
        User owner = User.registerAsAccountOwner(new UserId(ids.newId()), tenant.id(), account.id(),
                command.email(), hash, now);
        SessionIssuer.Pending session = sessions.prepareNew(owner, command.client());
        transactions.inTransaction(() -> {
            accounts.insert(account);
            users.insert(owner);
            sessions.persist(session);
            audit.record(AuditEvent.of(tenant.id(), AuditEventType.SIGN_UP, now, command.client())
                    .withActor(owner.id()).withSubject(owner.id()).withDetail("accountId", account.id().toString()));
            return owner;
        });
        return sessions.complete(owner, session, command.profile());
    }
}
