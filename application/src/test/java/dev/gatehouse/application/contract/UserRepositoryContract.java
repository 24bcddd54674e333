package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} must do; extended once per implementation. */
public abstract class UserRepositoryContract {
    private static final int CONCURRENT_REGISTRATIONS = 50;

    private UserRepository users;
    private AccountRepository accounts;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Account account;
    private Tenant otherTenant;
    private Account otherAccount;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUpPortsTenantsAndAccounts() {
        PersistencePorts ports = ports();
        users = ports.users();
        accounts = ports.accounts();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        account = account(tenant);
        otherAccount = account(otherTenant);
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
        accounts.insert(account);
        accounts.insert(otherAccount);
    }

    @Test
    void findsInsertedUserByIdAndByEmailWithEveryField() {
        User user = user(account, uniqueEmail(), Role.ROOT, UserStatus.DISABLED);
        users.insert(user);

        assertThat(users.findById(tenant.id(), user.id())).contains(user);
        assertThat(users.findByEmail(tenant.id(), user.email())).contains(user);
    }

    @Test
    void keepsEveryRoleAndStatus() {
        List<User> inserted = new ArrayList<>();
        for (Role role : Role.values()) {
            for (UserStatus status : UserStatus.values()) {
                User user = user(account, uniqueEmail(), role, status);
                users.insert(user);
                inserted.add(user);
            }
        }

        assertThat(inserted).allSatisfy(user -> assertThat(users.findById(tenant.id(), user.id())).contains(user));
    }

    @Test
    void findsNothingForUnknownIdOrEmail() {
        users.insert(user(account, uniqueEmail()));

        assertThat(users.findById(tenant.id(), new UserId(UUID.randomUUID()))).isEmpty();
        assertThat(users.findByEmail(tenant.id(), uniqueEmail())).isEmpty();
    }

    @Test
    void neverFindsOrUpdatesAUserThroughAnotherTenant() {
        User user = user(account, uniqueEmail());
        users.insert(user);

        assertThat(users.findById(otherTenant.id(), user.id())).isEmpty();
        assertThat(users.findByEmail(otherTenant.id(), user.email())).isEmpty();
        assertThat(users.updatePasswordHash(otherTenant.id(), user.id(), new PasswordHash("$2b$10$other"))).isFalse();
        assertThat(users.findById(tenant.id(), user.id())).contains(user);
    }

    @Test
    void rejectsSecondUserWithSameEmailInSameTenant() {
        EmailAddress email = uniqueEmail();
        User first = user(account, email);
        User second = user(account, email);
        users.insert(first);

        assertThatThrownBy(() -> users.insert(second)).isInstanceOf(EmailAlreadyInUse.class);
        assertThat(users.findById(tenant.id(), second.id())).isEmpty();
        assertThat(users.findByEmail(tenant.id(), email)).contains(first);
    }

    @Test
    void rejectsSecondUserWhoseEmailDiffersOnlyInCase() {
        String local = "mixed-" + UUID.randomUUID();
        users.insert(user(account, new EmailAddress(local + "@example.com")));

        EmailAddress shouted = new EmailAddress(" " + local.toUpperCase() + "@EXAMPLE.COM");
        assertThatThrownBy(() -> users.insert(user(account, shouted))).isInstanceOf(EmailAlreadyInUse.class);
        assertThat(users.findByEmail(tenant.id(), shouted)).isPresent();
    }

    @Test
    void acceptsSameEmailInAnotherTenant() {
        EmailAddress email = uniqueEmail();
        User here = user(account, email);
        User there = user(otherAccount, email);
        users.insert(here);
        users.insert(there);

        assertThat(users.findByEmail(tenant.id(), email)).contains(here);
        assertThat(users.findByEmail(otherTenant.id(), email)).contains(there);
    }

    @Test
    void replacesPasswordHashAndNothingElse() {
        User user = user(account, uniqueEmail());
        users.insert(user);
        PasswordHash upgraded = new PasswordHash("$2b$12$upgraded-" + UUID.randomUUID());

        assertThat(users.updatePasswordHash(tenant.id(), user.id(), upgraded)).isTrue();
        assertThat(users.findById(tenant.id(), user.id())).contains(user.withPasswordHash(upgraded));
    }

    @Test
    void reportsPasswordHashUpdateOfUnknownUserAsFalse() {
        assertThat(users.updatePasswordHash(tenant.id(), new UserId(UUID.randomUUID()), new PasswordHash("$2b$10$x")))
                .isFalse();
    }

    @Test
    void commitsAccountAndUserInsertedInOneTransaction() {
        Account newAccount = account(tenant);
        User owner = user(newAccount, uniqueEmail());

        transactions.inTransaction(() -> {
            accounts.insert(newAccount);
            users.insert(owner);
            return owner;
        });

        assertThat(accounts.findById(tenant.id(), newAccount.id())).contains(newAccount);
        assertThat(users.findById(tenant.id(), owner.id())).contains(owner);
    }

    @Test
    void rollsBackAccountAndUserWhenTheTransactionThrows() {
        Account newAccount = account(tenant);
        User owner = user(newAccount, uniqueEmail());
        RuntimeException failure = new IllegalStateException("work failed after the inserts");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            accounts.insert(newAccount);
            users.insert(owner);
            throw failure;
        })).isSameAs(failure);

        assertThat(accounts.findById(tenant.id(), newAccount.id())).isEmpty();
        assertThat(users.findById(tenant.id(), owner.id())).isEmpty();
        assertThat(users.findByEmail(tenant.id(), owner.email())).isEmpty();
    }

    @Test
    void rollsBackTheNewAccountWhenItsOwnersEmailIsTaken() {
        EmailAddress email = uniqueEmail();
        users.insert(user(account, email));
        Account newAccount = account(tenant);

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            accounts.insert(newAccount);
            users.insert(user(newAccount, email));
            return null;
        })).isInstanceOf(EmailAlreadyInUse.class);

        assertThat(accounts.findById(tenant.id(), newAccount.id())).isEmpty();
    }

    @Test
    void acceptsExactlyOneOfFiftyConcurrentRegistrationsOfOneEmail() throws InterruptedException {
        EmailAddress email = uniqueEmail();
        List<Account> newAccounts = new ArrayList<>();
        List<Future<User>> outcomes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT_REGISTRATIONS);
        try {
            for (int i = 0; i < CONCURRENT_REGISTRATIONS; i++) {
                Account newAccount = account(tenant);
                User owner = user(newAccount, email);
                newAccounts.add(newAccount);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return transactions.inTransaction(() -> {
                        accounts.insert(newAccount);
                        users.insert(owner);
                        return owner;
                    });
                }));
            }
            start.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("all registrations finished in time").isTrue();
        } finally {
            threads.shutdownNow();
        }

        List<User> registered = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (Future<User> outcome : outcomes) {
            try {
                registered.add(outcome.get());
            } catch (ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        assertThat(registered).as("registrations that succeeded").hasSize(1);
        assertThat(refused).as("registrations that were refused").hasSize(CONCURRENT_REGISTRATIONS - 1)
                .hasOnlyElementsOfType(EmailAlreadyInUse.class);
        User winner = registered.get(0);
        assertThat(users.findByEmail(tenant.id(), email)).contains(winner);
        assertThat(newAccounts).as("accounts of refused registrations (rolled back)")
                .filteredOn(a -> !a.id().equals(winner.accountId()))
                .allSatisfy(a -> assertThat(accounts.findById(tenant.id(), a.id())).isEmpty());
    }
}
