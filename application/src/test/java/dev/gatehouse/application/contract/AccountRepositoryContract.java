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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountRepository} must do; extended once per implementation. */
public abstract class AccountRepositoryContract {
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
}
