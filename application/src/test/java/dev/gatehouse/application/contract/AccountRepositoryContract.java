package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.Tenant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountRepository} must do; extended once per implementation. */
public abstract class AccountRepositoryContract {
    /** How long a second locker must stay blocked while the first holds the lock. */
    private static final long BLOCKED_MILLIS = 500;
    private static final long TIMEOUT_SECONDS = 30;

    private AccountRepository accounts;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUpPortsAndTenants() {
        PersistencePorts ports = ports();
        accounts = ports.accounts();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
    }

    @Test
    void findsInsertedAccountWithEveryField() {
        Account account = account(tenant);
        accounts.insert(account);

        assertThat(accounts.findById(tenant.id(), account.id())).contains(account);
    }

    @Test
    void neverFindsAnAccountThroughAnotherTenant() {
        Account account = account(tenant);
        accounts.insert(account);

        assertThat(accounts.findById(otherTenant.id(), account.id())).isEmpty();
    }

    @Test
    void findsNothingForUnknownId() {
        accounts.insert(account(tenant));

        assertThat(accounts.findById(tenant.id(), new AccountId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void keepsEmptyNamesAndNamesOfTheMaximumLengthInAnyScript() {
        String longest = "Zoë 日本 ✓ ".repeat(25).substring(0, Account.MAX_NAME_LENGTH);
        Account unnamed = new Account(new AccountId(UUID.randomUUID()), tenant.id(), "", T0);
        Account named = new Account(new AccountId(UUID.randomUUID()), tenant.id(), longest, T0);
        accounts.insert(unnamed);
        accounts.insert(named);

        assertThat(accounts.findById(tenant.id(), unnamed.id())).contains(unnamed);
        assertThat(accounts.findById(tenant.id(), named.id())).contains(named);
    }

    @Test
    void rollsBackAccountInsertedInATransactionThatThrows() {
        Account account = account(tenant);
        RuntimeException failure = new IllegalStateException("work failed after the insert");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            accounts.insert(account);
            throw failure;
        })).isSameAs(failure);

        assertThat(accounts.findById(tenant.id(), account.id())).isEmpty();
    }

    @Test
    void readsTheAccountWhenLockingIt() {
        Account account = account(tenant);
        accounts.insert(account);

        assertThat(transactions.inTransaction(() -> accounts.lockForUpdate(tenant.id(), account.id())))
                .contains(account);
    }

    @Test
    void locksNothingForAnUnknownOrForeignAccount() {
        Account account = account(tenant);
        accounts.insert(account);
        AccountId unknown = new AccountId(UUID.randomUUID());

        assertThat(transactions.inTransaction(() -> accounts.lockForUpdate(otherTenant.id(), account.id()))).isEmpty();
        assertThat(transactions.inTransaction(() -> accounts.lockForUpdate(tenant.id(), unknown))).isEmpty();
    }

    /**
     * The second locker must wait for the first to commit, and then see what the first wrote under the lock. The
     * first renames the account only after the second has been kept waiting, so a second locker that did not wait
     * would read the old name (or be noticed still running too early).
     */
    @Test
    void makesASecondLockerOfTheAccountWaitUntilTheFirstCommits() throws Exception {
        Account account = account(tenant);
        accounts.insert(account);
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = threads.submit(() -> transactions.inTransaction(() -> {
                accounts.lockForUpdate(tenant.id(), account.id()).orElseThrow();
                firstHoldsTheLock.countDown();
                awaitOrFail(firstMayFinish);
                return accounts.rename(tenant.id(), account.id(), "Renamed under the lock");
            }));
            assertThat(firstHoldsTheLock.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("first holds the lock").isTrue();

            Future<Optional<Account>> second = threads.submit(
                    () -> transactions.inTransaction(() -> accounts.lockForUpdate(tenant.id(), account.id())));
            Thread.sleep(BLOCKED_MILLIS);
            assertThat(second.isDone()).as("second locker done while the first holds the lock").isFalse();
            firstMayFinish.countDown();

            assertThat(first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("first renamed the account").isTrue();
            assertThat(second.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("what the second locker read")
                    .contains(renamed(account, "Renamed under the lock"));
        } finally {
            firstMayFinish.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void renamesTheAccountAndNothingElse() {
        Account account = account(tenant);
        Account sibling = account(tenant);
        accounts.insert(account);
        accounts.insert(sibling);

        assertThat(accounts.rename(tenant.id(), account.id(), "Zoë & Co ✓")).isTrue();

        assertThat(accounts.findById(tenant.id(), account.id())).contains(renamed(account, "Zoë & Co ✓"));
        assertThat(accounts.findById(tenant.id(), sibling.id())).contains(sibling);
    }

    @Test
    void reportsRenamingAnUnknownOrForeignAccountAsFalseAndRenamesNothing() {
        Account account = account(tenant);
        accounts.insert(account);

        assertThat(accounts.rename(tenant.id(), new AccountId(UUID.randomUUID()), "Unknown")).isFalse();
        assertThat(accounts.rename(otherTenant.id(), account.id(), "Taken over")).isFalse();
        assertThat(accounts.findById(tenant.id(), account.id())).contains(account);
    }

    @Test
    void deletesAnAccountOfItsOwnTenantOnlyAndOnce() {
        Account account = account(tenant);
        accounts.insert(account);

        assertThat(transactions.inTransaction(() -> accounts.delete(otherTenant.id(), account.id()))).isFalse();
        assertThat(accounts.findById(tenant.id(), account.id())).contains(account);
        assertThat(transactions.inTransaction(() -> accounts.delete(tenant.id(), account.id()))).isTrue();
        assertThat(accounts.findById(tenant.id(), account.id())).isEmpty();
        assertThat(transactions.inTransaction(() -> accounts.delete(tenant.id(), account.id()))).isFalse();
    }

    @Test
    void rollsBackARenameInATransactionThatThrows() {
        Account account = account(tenant);
        accounts.insert(account);
        RuntimeException failure = new IllegalStateException("work failed after the rename");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            accounts.lockForUpdate(tenant.id(), account.id());
            accounts.rename(tenant.id(), account.id(), "Never committed");
            throw failure;
        })).isSameAs(failure);

        assertThat(accounts.findById(tenant.id(), account.id())).contains(account);
    }

    private static Account renamed(Account account, String name) {
        return new Account(account.id(), account.tenantId(), name, account.created());
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
