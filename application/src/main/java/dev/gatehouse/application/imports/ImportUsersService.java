package dev.gatehouse.application.imports;

import dev.gatehouse.application.imports.port.in.ImportUsersUseCase;
import dev.gatehouse.application.imports.port.out.UserImportStore;
import dev.gatehouse.application.imports.port.out.UserImportStore.ImportedUser;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantDirectory;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.ImportInProgress;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.policy.Actor;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.ImportedPasswordHash;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the lines one at a time, checks each into a user (a line error otherwise), and stores them
 * {@value ImportUsersUseCase#BATCH_SIZE} at a time in one unit of work each: memory holds one batch, whatever the
 * file's length. Keeps the tenants whose import is running (one at a time per tenant and process).
 */
final class ImportUsersService implements ImportUsersUseCase {
    /** Accounts looked up during one import, remembered up to this many. */
    private static final int KNOWN_ACCOUNTS = 10_000;

    private final TenantDirectory tenants;
    private final AccountRepository accounts;
    private final UserImportStore store;
    private final Essentials essentials;
    private final Set<TenantId> running = ConcurrentHashMap.newKeySet();

    ImportUsersService(TenantDirectory tenants, AccountRepository accounts, UserImportStore store,
                       Essentials essentials) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.store = store;
        this.essentials = essentials;
    }

    @Override
    public Result importUsers(Command command) {
        RootAuthority authority = command.authority();
        // Every user of the tenant, with the hashes as given: the tenant's full authority, never a key.
        if (!(authority.asActor() instanceof Actor.TenantRootToken)) {
            throw new NotPermitted("only the tenant's root token imports users; a secret key may not, whatever its"
                    + " scopes");
        }
        Tenant tenant = tenants.require(authority.tenantId());
        if (!running.add(tenant.id())) {
            throw new ImportInProgress();
        }
        Run run = new Run(tenant);
        boolean completed = false;
        try {
            Iterator<Line> lines = command.lines();
            while (true) {
                Line line;
                try {
                    if (!lines.hasNext()) {
                        break;
                    }
                    line = lines.next();
                } catch (RuntimeException unreadable) {
                    run.flush(); // the file broke off (a body over its limit): the lines read before it are kept
                    throw unreadable;
                }
                run.add(line);
            }
            run.flush();
            completed = true;
            return run.result();
        } finally {
            running.remove(tenant.id());
            record(authority, run, completed);
        }
    }

    /** One USERS_IMPORTED event per request, counts only; also for an import that stopped part way. */
    private void record(RootAuthority authority, Run run, boolean completed) {
        essentials.transactions().inTransaction(() -> {
            essentials.audit().record(authority.auditEvent(AuditEventType.USERS_IMPORTED, essentials.clock().now())
                    .withDetail("imported", Long.toString(run.imported))
                    .withDetail("skipped", Long.toString(run.skipped))
                    .withDetail("failed", Long.toString(run.failed))
                    .withDetail("completed", Boolean.toString(completed)));
            return null;
        });
    }

    /** The state of one import: the batch being filled, the accounts seen, the counts and errors. */
    private final class Run {
        private final Tenant tenant;
        private final List<Pending> batch = new ArrayList<>(BATCH_SIZE);
        private final Map<AccountId, Boolean> knownAccounts = new HashMap<>();
        private final List<LineError> errors = new ArrayList<>();
        private long imported;
        private long skipped;
        private long failed;

        Run(Tenant tenant) {
            this.tenant = tenant;
        }

        void add(Line line) {
            switch (line) {
                case Unreadable unreadable -> fail(unreadable.number(), unreadable.reason());
                case Row row -> {
                    try {
                        batch.add(prepare(row));
                    } catch (InvalidInput refused) {
                        fail(row.number(), refused.getMessage());
                    }
                }
            }
            if (batch.size() >= BATCH_SIZE) {
                flush();
            }
        }

        private Pending prepare(Row row) {
            if (row.email() == null) {
                throw new InvalidInput("email", "is required");
            }
            EmailAddress email = new EmailAddress(row.email());
            PasswordHash hash = hashOf(row.passwordHash());
            UserProfile profile = new UserProfile(row.name(), null, row.metadataJson());
            if (row.role() == Role.ROOT) {
                throw new InvalidInput("role", "root is never imported (the tenant has one root user): use user or"
                        + " account_admin");
            }
            Instant now = essentials.clock().now();
            UserId id = new UserId(essentials.ids().newId());
            if (row.accountId() == null) {
                if (row.role() == Role.USER) {
                    throw new InvalidInput("role", "a user without accountId opens an account of their own as its"
                            + " account_admin: give accountId to import a plain user");
                }
                String name = email.value().length() > Account.MAX_NAME_LENGTH
                        ? email.value().substring(0, Account.MAX_NAME_LENGTH) : email.value();
                Account account = Account.open(new AccountId(essentials.ids().newId()), tenant.id(), name, now);
                return new Pending(row.number(), new ImportedUser(user(id, account.id(), email, hash, Role.ACCOUNT_ADMIN,
                        now, row.emailVerified(), profile), Optional.of(account)));
            }
            AccountId account = AccountId.parse("accountId", row.accountId());
            if (!accountExists(account)) {
                throw new InvalidInput("accountId", "no account " + account + " in this tenant");
            }
            Role role = row.role() == null ? Role.USER : row.role();
            return new Pending(row.number(), new ImportedUser(user(id, account, email, hash, role, now,
                    row.emailVerified(), profile), Optional.empty()));
        }

        private User user(UserId id, AccountId account, EmailAddress email, PasswordHash hash, Role role, Instant now,
                          boolean verified, UserProfile profile) {
            return new User(id, tenant.id(), account, email, hash, role, now, UserStatus.ACTIVE, verified,
                    SecurityStamp.INITIAL, profile);
        }

        private boolean accountExists(AccountId account) {
            Boolean known = knownAccounts.get(account);
            if (known == null) {
                if (knownAccounts.size() >= KNOWN_ACCOUNTS) {
                    knownAccounts.clear();
                }
                known = accounts.findById(tenant.id(), account).isPresent();
                knownAccounts.put(account, known);
            }
            return known;
        }

        /** Stores the batch in one unit of work; a later line of an address already in the batch is skipped. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Set<EmailAddress> seen = new HashSet<>();
            List<ImportedUser> distinct = new ArrayList<>(batch.size());
            for (Pending pending : batch) {
                if (seen.add(pending.user().user().email())) {
                    distinct.add(pending.user());
                }
            }
            Set<UserId> stored = essentials.transactions().inTransaction(() -> store.insertBatch(tenant.id(), distinct));
            for (Pending pending : batch) {
                if (stored.contains(pending.user().user().id())) {
                    imported++;
                } else {
                    skipped++;
                }
            }
            batch.clear();
        }

        void fail(long line, String error) {
            failed++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new LineError(line, error));
            }
        }

        Result result() {
            return new Result(imported, skipped, failed, errors);
        }
    }

    private static PasswordHash hashOf(HashInput input) {
        return switch (input) {
            case null -> PasswordHash.NONE;
            case HashInput.Encoded encoded -> ImportedPasswordHash.parse(encoded.value()).toPasswordHash();
            case HashInput.Keycloak keycloak -> ImportedPasswordHash.fromKeycloak(keycloak.algorithm(),
                    keycloak.iterations(), keycloak.salt(), keycloak.value()).toPasswordHash();
        };
    }

    private record Pending(long line, ImportedUser user) {
    }
}
