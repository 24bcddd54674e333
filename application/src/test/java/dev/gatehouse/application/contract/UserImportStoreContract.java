package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.imports.port.out.UserImportStore;
import dev.gatehouse.application.imports.port.out.UserImportStore.ImportedUser;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import dev.gatehouse.domain.user.UserStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserImportStore} must do; extended once per implementation. */
public abstract class UserImportStoreContract {
    private AccountRepository accounts;
    private UserRepository users;
    private TransactionRunner transactions;
    private UserImportStore imports;
    private Tenant tenant;
    private Tenant otherTenant;

    /** The persistence under test; called once before each test. */
    protected abstract PersistencePorts ports();

    /** The implementation under test, on the same store as {@link #ports()}; called after it. */
    protected abstract UserImportStore imports();

    @BeforeEach
    void setUp() {
        PersistencePorts ports = ports();
        accounts = ports.accounts();
        users = ports.users();
        transactions = ports.transactions();
        imports = imports();
        tenant = tenant();
        otherTenant = tenant();
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
    }

    @Test
    void storesEachUserWithTheirOwnNewAccountAndEveryFieldAsGiven() {
        ImportedUser owner = owner(tenant, uniqueEmail(), new PasswordHash("pbkdf2_sha256$27500$b64:AAEC$hash"));
        User withProfile = owner.user().withProfile(new UserProfile("Zoë Ünicode", null, "{\"plan\":\"pro\"}"))
                .withEmailVerified();
        ImportedUser profiled = new ImportedUser(withProfile, owner.newAccount());
        ImportedUser noPassword = owner(tenant, uniqueEmail(), PasswordHash.NONE);

        Set<UserId> stored = insert(tenant, List.of(profiled, noPassword));

        assertThat(stored).containsExactlyInAnyOrder(profiled.user().id(), noPassword.user().id());
        assertThat(users.findById(tenant.id(), profiled.user().id())).contains(profiled.user());
        assertThat(users.findById(tenant.id(), noPassword.user().id())).contains(noPassword.user());
        assertThat(accounts.findById(tenant.id(), profiled.user().accountId())).isEqualTo(profiled.newAccount());
    }

    @Test
    void usersJoinAnExistingAccountWithTheirRole() {
        Account existing = account(tenant);
        accounts.insert(existing);
        ImportedUser member = joining(existing, uniqueEmail(), Role.USER);
        ImportedUser admin = joining(existing, uniqueEmail(), Role.ACCOUNT_ADMIN);

        assertThat(insert(tenant, List.of(member, admin))).hasSize(2);

        assertThat(users.findById(tenant.id(), member.user().id()).orElseThrow().role()).isEqualTo(Role.USER);
        assertThat(users.findById(tenant.id(), admin.user().id()).orElseThrow().accountId()).isEqualTo(existing.id());
        assertThat(users.countInAccount(tenant.id(), existing.id(), Role.USER)).isEqualTo(2);
    }

    @Test
    void skipsTakenAddressesLeavingTheirUserAndNoNewAccountBehind() {
        Account account = account(tenant);
        accounts.insert(account);
        User present = user(account, uniqueEmail());
        users.insert(present);
        ImportedUser again = owner(tenant, present.email(), new PasswordHash("$2b$04$other"));
        ImportedUser fresh = owner(tenant, uniqueEmail(), PasswordHash.NONE);

        Set<UserId> stored = insert(tenant, List.of(again, fresh));

        assertThat(stored).containsExactly(fresh.user().id());
        assertThat(users.findByEmail(tenant.id(), present.email())).contains(present);
        assertThat(users.findById(tenant.id(), again.user().id())).isEmpty();
        assertThat(accounts.findById(tenant.id(), again.user().accountId())).isEmpty();
    }

    @Test
    void aSecondImportOfTheSameAddressesStoresNothingAndChangesNothing() {
        List<EmailAddress> emails = IntStream.range(0, 20).mapToObj(i -> uniqueEmail()).toList();
        List<ImportedUser> first = emails.stream().map(e -> owner(tenant, e, PasswordHash.NONE)).toList();
        List<ImportedUser> second = emails.stream().map(e -> owner(tenant, e, new PasswordHash("$2b$04$x"))).toList();

        assertThat(insert(tenant, first)).hasSize(20);
        assertThat(insert(tenant, second)).isEmpty();

        for (ImportedUser imported : first) {
            assertThat(users.findByEmail(tenant.id(), imported.user().email())).contains(imported.user());
        }
        for (ImportedUser skipped : second) {
            assertThat(accounts.findById(tenant.id(), skipped.user().accountId())).isEmpty();
        }
    }

    @Test
    void anAddressTakenInAnotherTenantIsFreeInThisOne() {
        EmailAddress email = uniqueEmail();
        assertThat(insert(otherTenant, List.of(owner(otherTenant, email, PasswordHash.NONE)))).hasSize(1);

        ImportedUser here = owner(tenant, email, PasswordHash.NONE);
        assertThat(insert(tenant, List.of(here))).containsExactly(here.user().id());
    }

    @Test
    void concurrentImportsOfTheSameAddressesStoreEachAddressOnceAndLeaveNoStrayAccount() throws Exception {
        List<EmailAddress> emails = IntStream.range(0, 45).mapToObj(i -> uniqueEmail()).toList();
        int racers = 3;
        List<List<ImportedUser>> batches = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            List<EmailAddress> order = new ArrayList<>(emails);
            java.util.Collections.rotate(order, r * 15); // each racer meets the others part way
            batches.add(order.stream().map(e -> owner(tenant, e, PasswordHash.NONE)).toList());
        }

        List<Set<UserId>> outcomes = Race.run(racers, r -> () -> insert(tenant, batches.get(r)));

        Set<UserId> all = new HashSet<>();
        outcomes.forEach(all::addAll);
        assertThat(all).as("one stored user per address over all racers").hasSize(emails.size());
        for (int r = 0; r < racers; r++) {
            for (ImportedUser imported : batches.get(r)) {
                boolean stored = outcomes.get(r).contains(imported.user().id());
                assertThat(users.findById(tenant.id(), imported.user().id()).isPresent()).isEqualTo(stored);
                assertThat(accounts.findById(tenant.id(), imported.user().accountId()).isPresent())
                        .as("the new account exists exactly when its user was stored").isEqualTo(stored);
            }
        }
        for (EmailAddress email : emails) {
            assertThat(users.findByEmail(tenant.id(), email)).isPresent();
        }
    }

    private Set<UserId> insert(Tenant into, List<ImportedUser> batch) {
        return transactions.inTransaction(() -> imports.insertBatch(into.id(), batch));
    }

    private static ImportedUser owner(Tenant tenant, EmailAddress email, PasswordHash hash) {
        Account account = Account.open(new AccountId(UUID.randomUUID()), tenant.id(), email.value(), T0);
        User user = new User(new UserId(UUID.randomUUID()), tenant.id(), account.id(), email, hash, Role.ACCOUNT_ADMIN,
                T0.plusSeconds(5), UserStatus.ACTIVE, false, SecurityStamp.INITIAL, UserProfile.EMPTY);
        return new ImportedUser(user, Optional.of(account));
    }

    private static ImportedUser joining(Account account, EmailAddress email, Role role) {
        User user = new User(new UserId(UUID.randomUUID()), account.tenantId(), account.id(), email,
                new PasswordHash("$2a$04$abc"), role, T0.plusSeconds(5), UserStatus.ACTIVE, true, SecurityStamp.INITIAL,
                UserProfile.EMPTY);
        return new ImportedUser(user, Optional.empty());
    }
}
