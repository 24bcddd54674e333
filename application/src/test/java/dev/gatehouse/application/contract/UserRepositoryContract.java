package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserRepository.PageQuery;
import dev.gatehouse.application.port.out.UserRepository.Position;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.SecurityStamp;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserProfile;
import dev.gatehouse.domain.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
    private static final Duration MICROSECOND = Duration.ofNanos(1_000);

    private UserRepository users;
    private AccountRepository accounts;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Account account;
    private Account colleagueAccount;
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
        colleagueAccount = account(tenant);
        otherAccount = account(otherTenant);
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
        accounts.insert(account);
        accounts.insert(colleagueAccount);
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
        assertThat(users.findById(tenant.id(), user.id())).contains(user.withPasswordHash(upgraded).withNextStamp());
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

    /*
     * Account members. Each test has a tenant of its own, so the emails below are unique where they must be.
     * Ids that tie on creation time sort as the databases sort UUIDs: as unsigned bytes, the order of their text.
     */
    @Test
    void pagesThroughAnAccountInCreationOrderWithTiesInCreationTimeBrokenById() {
        Instant tie = T0.plusSeconds(20);
        User first = member(account, "first@example.com", Role.USER, T0.plusSeconds(10), idStartingWith(0xc0));
        User tiedFf = member(account, "tied-ff@example.com", Role.USER, tie, idStartingWith(0xff));
        User tied00 = member(account, "tied-00@example.com", Role.ACCOUNT_ADMIN, tie, idStartingWith(0x00));
        User tied80 = member(account, "tied-80@example.com", Role.USER, tie, idStartingWith(0x80));
        User tied7f = member(account, "tied-7f@example.com", Role.ROOT, tie, idStartingWith(0x7f));
        User aMicrosecondLater = member(account, "later@example.com", Role.USER, tie.plus(MICROSECOND),
                idStartingWith(0x01));
        User last = member(account, "last@example.com", Role.USER, T0.plusSeconds(30), idStartingWith(0x10));
        List<User> members = new ArrayList<>(List.of(first, tiedFf, tied00, tied80, tied7f, aMicrosecondLater, last));
        Collections.shuffle(members);
        members.forEach(users::insert);
        insertStrangers();

        assertThat(allPages(Optional.empty(), Optional.empty(), 2)).containsExactly(
                List.of(first, tied00), List.of(tied7f, tied80), List.of(tiedFf, aMicrosecondLater), List.of(last));
        assertThat(allPages(Optional.empty(), Optional.empty(), 100))
                .containsExactly(List.of(first, tied00, tied7f, tied80, tiedFf, aMicrosecondLater, last));
    }

    @Test
    void startsAPageStrictlyAfterTheGivenPositionEvenWhenNoMemberIsThere() {
        User early = member(account, "early@example.com", Role.USER, T0.plusSeconds(10), idStartingWith(0x40));
        User tiedLow = member(account, "tied-low@example.com", Role.USER, T0.plusSeconds(20), idStartingWith(0x20));
        User tiedHigh = member(account, "tied-high@example.com", Role.USER, T0.plusSeconds(20), idStartingWith(0xa0));
        List.of(early, tiedLow, tiedHigh).forEach(users::insert);

        assertThat(page(Optional.empty(), Optional.empty(), after(T0.plusSeconds(20), idStartingWith(0x80)), 10))
                .containsExactly(tiedHigh);
        assertThat(page(Optional.empty(), Optional.empty(), after(T0.plusSeconds(15), idStartingWith(0xff)), 10))
                .containsExactly(tiedLow, tiedHigh);
        assertThat(page(Optional.empty(), Optional.empty(), after(T0.plusSeconds(20), tiedHigh.id()), 10)).isEmpty();
        assertThat(page(Optional.empty(), Optional.empty(), after(T0, idStartingWith(0xff)), 1)).containsExactly(early);
    }

    @Test
    void filtersAPageByExactlyTheGivenRole() {
        User user = member(account, "user@example.com", Role.USER, T0.plusSeconds(1));
        User admin = member(account, "admin@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(2));
        User root = member(account, "root@example.com", Role.ROOT, T0.plusSeconds(3));
        User secondAdmin = member(account, "admin-2@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(4));
        User thirdAdmin = member(account, "admin-3@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(5));
        List.of(thirdAdmin, root, admin, user, secondAdmin).forEach(users::insert);
        insertStrangers();

        assertThat(allPages(Optional.of(Role.ACCOUNT_ADMIN), Optional.empty(), 2))
                .containsExactly(List.of(admin, secondAdmin), List.of(thirdAdmin));
        assertThat(allPages(Optional.of(Role.USER), Optional.empty(), 2)).containsExactly(List.of(user));
        assertThat(allPages(Optional.of(Role.ROOT), Optional.empty(), 2)).containsExactly(List.of(root));
    }

    @Test
    void filtersAPageByTheStartOfTheEmail() {
        User ann = member(account, "ann@example.com", Role.USER, T0.plusSeconds(1));
        User anna = member(account, "anna@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(2));
        User annika = member(account, "annika@example.com", Role.USER, T0.plusSeconds(3));
        User bob = member(account, "bob@ann.example.com", Role.USER, T0.plusSeconds(4));
        List.of(bob, annika, anna, ann).forEach(users::insert);
        insertStrangers();
        users.insert(member(colleagueAccount, "anneliese@example.com", Role.USER, T0));

        assertThat(allPages(Optional.empty(), Optional.of("ann"), 2))
                .containsExactly(List.of(ann, anna), List.of(annika));
        assertThat(allPages(Optional.empty(), Optional.of("anna"), 10)).containsExactly(List.of(anna));
        assertThat(allPages(Optional.empty(), Optional.of("ann@"), 10)).containsExactly(List.of(ann));
        assertThat(allPages(Optional.empty(), Optional.of("annika@example.com"), 10)).containsExactly(List.of(annika));
        assertThat(allPages(Optional.empty(), Optional.of(""), 10)).containsExactly(List.of(ann, anna, annika, bob));
        assertThat(allPages(Optional.empty(), Optional.of("example"), 10)).isEmpty();
        assertThat(allPages(Optional.of(Role.USER), Optional.of("ann"), 10)).containsExactly(List.of(ann, annika));
    }

    @Test
    void takesWildcardsAndEscapesInTheEmailPrefixLiterally() {
        User percent = member(account, "a%b@example.com", Role.USER, T0.plusSeconds(1));
        User underscore = member(account, "a_c@example.com", Role.USER, T0.plusSeconds(2));
        User plain = member(account, "abc@example.com", Role.USER, T0.plusSeconds(3));
        User other = member(account, "axb@example.com", Role.USER, T0.plusSeconds(4));
        List.of(percent, underscore, plain, other).forEach(users::insert);

        assertThat(allPages(Optional.empty(), Optional.of("a%"), 10)).containsExactly(List.of(percent));
        assertThat(allPages(Optional.empty(), Optional.of("a%b"), 10)).containsExactly(List.of(percent));
        assertThat(allPages(Optional.empty(), Optional.of("a_"), 10)).containsExactly(List.of(underscore));
        assertThat(allPages(Optional.empty(), Optional.of("a_c@"), 10)).containsExactly(List.of(underscore));
        assertThat(allPages(Optional.empty(), Optional.of("%"), 10)).isEmpty();
        assertThat(allPages(Optional.empty(), Optional.of("_"), 10)).isEmpty();
        assertThat(allPages(Optional.empty(), Optional.of("a\\"), 10)).isEmpty();
        assertThat(allPages(Optional.empty(), Optional.of("a\\%"), 10)).isEmpty();
        assertThat(allPages(Optional.empty(), Optional.of("\\"), 10)).isEmpty();
        assertThat(allPages(Optional.empty(), Optional.of("a"), 10))
                .containsExactly(List.of(percent, underscore, plain, other));
    }

    @Test
    void neverPagesCountsOrFindsTheOldestOfAnAccountThroughAnotherTenant() {
        User member = member(account, "member@example.com", Role.ACCOUNT_ADMIN, T0);
        users.insert(member);

        assertThat(users.findPageInAccount(otherTenant.id(), account.id(), everything())).isEmpty();
        assertThat(users.countInAccount(otherTenant.id(), account.id(), Role.USER)).isZero();
        assertThat(users.findOldestInAccount(otherTenant.id(), account.id())).isEmpty();
        assertThat(users.findPageInAccount(tenant.id(), account.id(), everything())).containsExactly(member);
    }

    @Test
    void findsNoMembersOfAnEmptyOrUnknownAccount() {
        insertStrangers();
        AccountId unknown = new AccountId(UUID.randomUUID());

        assertThat(users.findPageInAccount(tenant.id(), account.id(), everything())).isEmpty();
        assertThat(users.findPageInAccount(tenant.id(), unknown, everything())).isEmpty();
        assertThat(users.countInAccount(tenant.id(), account.id(), Role.USER)).isZero();
        assertThat(users.countInAccount(tenant.id(), unknown, Role.USER)).isZero();
        assertThat(users.findOldestInAccount(tenant.id(), account.id())).isEmpty();
        assertThat(users.findOldestInAccount(tenant.id(), unknown)).isEmpty();
    }

    @Test
    void countsTheMembersWithAtLeastTheGivenRole() {
        List.of(Role.USER, Role.USER, Role.ACCOUNT_ADMIN, Role.ACCOUNT_ADMIN, Role.ACCOUNT_ADMIN, Role.ROOT)
                .forEach(role -> users.insert(user(account, uniqueEmail(), role, UserStatus.ACTIVE)));
        users.insert(user(account, uniqueEmail(), Role.USER, UserStatus.DISABLED));
        insertStrangers();

        assertThat(users.countInAccount(tenant.id(), account.id(), Role.USER)).isEqualTo(7);
        assertThat(users.countInAccount(tenant.id(), account.id(), Role.ACCOUNT_ADMIN)).isEqualTo(4);
        assertThat(users.countInAccount(tenant.id(), account.id(), Role.ROOT)).isEqualTo(1);
    }

    @Test
    void findsTheOldestMemberWithTiesBrokenById() {
        User newest = member(account, "newest@example.com", Role.USER, T0.plusSeconds(9), idStartingWith(0x00));
        User tiedHigh = member(account, "tied-high@example.com", Role.USER, T0.plusSeconds(1), idStartingWith(0x90));
        User tiedLow = member(account, "tied-low@example.com", Role.USER, T0.plusSeconds(1), idStartingWith(0x70));
        List.of(newest, tiedHigh, tiedLow).forEach(users::insert);
        users.insert(member(colleagueAccount, "colleague@example.com", Role.USER, T0));
        users.insert(member(otherAccount, "stranger@example.com", Role.USER, T0));

        assertThat(users.findOldestInAccount(tenant.id(), account.id())).contains(tiedLow);
    }

    @Test
    void changesTheRoleAndNothingElse() {
        User user = user(account, uniqueEmail(), Role.USER, UserStatus.DISABLED);
        User colleague = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(user);
        users.insert(colleague);

        assertThat(users.updateRole(tenant.id(), user.id(), Role.ACCOUNT_ADMIN)).isTrue();

        assertThat(users.findById(tenant.id(), user.id())).contains(withRole(user, Role.ACCOUNT_ADMIN).withNextStamp());
        assertThat(users.findById(tenant.id(), colleague.id())).contains(colleague);
        assertThat(users.countInAccount(tenant.id(), account.id(), Role.ACCOUNT_ADMIN)).isEqualTo(1);
    }

    @Test
    void keepsAProfileGivenAtInsertAndReplacesItWithoutAdvancingTheStamp() {
        String name = "Zoë 𝒜dams \"the\" <b>";
        UserProfile profile = new UserProfile(name, "https://cdn.example/a.png?s=1", "{\"plan\":\"pro\",\"n\":[1,2]}");
        User user = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE).withProfile(profile);
        User colleague = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(user);
        users.insert(colleague);
        assertThat(users.findById(tenant.id(), user.id())).contains(user);

        UserProfile changed = new UserProfile(null, "https://cdn.example/b.png", null);
        assertThat(users.updateProfile(tenant.id(), user.id(), changed)).isTrue();
        assertThat(users.findById(tenant.id(), user.id())).contains(user.withProfile(changed));
        assertThat(users.findById(tenant.id(), colleague.id())).contains(colleague);

        assertThat(users.updateProfile(otherTenant.id(), user.id(), UserProfile.EMPTY)).isFalse();
        assertThat(users.updateProfile(tenant.id(), new UserId(UUID.randomUUID()), UserProfile.EMPTY)).isFalse();
        assertThat(users.findById(tenant.id(), user.id())).contains(user.withProfile(changed));
    }

    @Test
    void reportsARoleChangeOfAnUnknownOrForeignUserAsFalseAndChangesNothing() {
        User user = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(user);

        assertThat(users.updateRole(tenant.id(), new UserId(UUID.randomUUID()), Role.ROOT)).isFalse();
        assertThat(users.updateRole(otherTenant.id(), user.id(), Role.ROOT)).isFalse();
        assertThat(users.findById(tenant.id(), user.id())).contains(user);
    }

    @Test
    void keepsAVerifiedAddressOfAnInsertedUserAndMarksAnUnverifiedOneVerified() {
        User verified = user(account, uniqueEmail()).withEmailVerified();
        User unverified = user(account, uniqueEmail());
        users.insert(verified);
        users.insert(unverified);
        assertThat(users.findById(tenant.id(), verified.id())).contains(verified);
        assertThat(users.findById(tenant.id(), unverified.id())).hasValueSatisfying(u -> assertThat(u.emailVerified()).isFalse());

        assertThat(users.markEmailVerified(tenant.id(), unverified.id())).isTrue();

        assertThat(users.findById(tenant.id(), unverified.id())).contains(unverified.withEmailVerified().withNextStamp());
        assertThat(users.markEmailVerified(tenant.id(), unverified.id())).as("again: not the first proof").isFalse();
        assertThat(users.findById(tenant.id(), unverified.id())).as("still verified, stamp unchanged")
                .contains(unverified.withEmailVerified().withNextStamp());
        assertThat(users.markEmailVerified(tenant.id(), verified.id())).isFalse();
        assertThat(users.findById(tenant.id(), verified.id())).contains(verified);
    }

    @Test
    void reportsMarkingAnUnknownOrForeignUserVerifiedAsFalseAndChangesNothing() {
        User user = user(account, uniqueEmail());
        users.insert(user);

        assertThat(users.markEmailVerified(tenant.id(), new UserId(UUID.randomUUID()))).isFalse();
        assertThat(users.markEmailVerified(otherTenant.id(), user.id())).isFalse();
        assertThat(users.findById(tenant.id(), user.id())).contains(user);
    }

    @Test
    void deletesTheUserSoThatItsIdAndEmailFindNothingAndItsEmailIsFreeAgain() {
        User leaving = user(account, uniqueEmail());
        User staying = user(account, uniqueEmail());
        users.insert(leaving);
        users.insert(staying);

        assertThat(users.delete(tenant.id(), leaving.id())).isTrue();

        assertThat(users.findById(tenant.id(), leaving.id())).isEmpty();
        assertThat(users.findByEmail(tenant.id(), leaving.email())).isEmpty();
        assertThat(users.findPageInAccount(tenant.id(), account.id(), everything())).containsExactly(staying);
        assertThat(users.countInAccount(tenant.id(), account.id(), Role.USER)).isEqualTo(1);
        assertThat(users.delete(tenant.id(), leaving.id())).as("deleting it again").isFalse();
        User returning = user(account, leaving.email());
        users.insert(returning);
        assertThat(users.findByEmail(tenant.id(), leaving.email())).contains(returning);
    }

    @Test
    void reportsDeletingAnUnknownOrForeignUserAsFalseAndDeletesNothing() {
        User user = user(account, uniqueEmail());
        users.insert(user);

        assertThat(users.delete(tenant.id(), new UserId(UUID.randomUUID()))).isFalse();
        assertThat(users.delete(otherTenant.id(), user.id())).isFalse();
        assertThat(users.findById(tenant.id(), user.id())).contains(user);
    }

    @Test
    void rollsBackARoleChangeAndADeleteInAFailedTransaction() {
        User promoted = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        User deleted = user(account, uniqueEmail());
        users.insert(promoted);
        users.insert(deleted);
        RuntimeException failure = new IllegalStateException("work failed after the writes");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            users.updateRole(tenant.id(), promoted.id(), Role.ACCOUNT_ADMIN);
            users.delete(tenant.id(), deleted.id());
            throw failure;
        })).isSameAs(failure);

        assertThat(users.findById(tenant.id(), promoted.id())).contains(promoted);
        assertThat(users.findById(tenant.id(), deleted.id())).contains(deleted);
    }

    @Test
    void pagesThroughTheWholeTenantInCreationOrderAcrossAccountsAndNeverAnotherTenant() {
        Instant tie = T0.plusSeconds(20);
        User first = member(colleagueAccount, "first@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(10));
        User tiedHigh = member(account, "tied-high@example.com", Role.USER, tie, idStartingWith(0xe0));
        User tiedLow = member(colleagueAccount, "tied-low@example.com", Role.USER, tie, idStartingWith(0x10));
        User last = member(account, "last@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(30));
        List<User> members = new ArrayList<>(List.of(first, tiedHigh, tiedLow, last));
        Collections.shuffle(members);
        members.forEach(users::insert);
        users.insert(member(otherAccount, "stranger@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(15)));

        assertThat(allTenantPages(tenantQuery(), 3)).containsExactly(List.of(first, tiedLow, tiedHigh), List.of(last));
        assertThat(allTenantPages(tenantQuery(), 100)).containsExactly(List.of(first, tiedLow, tiedHigh, last));
        assertThat(users.findPageInTenant(tenant.id(), new UserRepository.TenantPageQuery(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), after(tie, tiedLow.id()), 10)))
                .containsExactly(tiedHigh, last);
    }

    @Test
    void filtersATenantPageByAccountRoleStatusAndEmailPrefix() {
        User ann = member(account, "ann@example.com", Role.USER, T0.plusSeconds(1));
        User anna = member(colleagueAccount, "anna@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(2));
        User bob = member(account, "bob@example.com", Role.ACCOUNT_ADMIN, T0.plusSeconds(3)).withStatus(UserStatus.DISABLED);
        User cleo = member(colleagueAccount, "cleo@example.com", Role.USER, T0.plusSeconds(4)).withStatus(UserStatus.DISABLED);
        List.of(cleo, bob, anna, ann).forEach(users::insert);
        users.insert(member(otherAccount, "ann.other@example.com", Role.USER, T0));

        assertThat(allTenantPages(tenantQuery().account(account.id()), 1)).containsExactly(List.of(ann), List.of(bob));
        assertThat(allTenantPages(tenantQuery().role(Role.ACCOUNT_ADMIN), 1)).containsExactly(List.of(anna), List.of(bob));
        assertThat(allTenantPages(tenantQuery().status(UserStatus.DISABLED), 1))
                .containsExactly(List.of(bob), List.of(cleo));
        assertThat(allTenantPages(tenantQuery().status(UserStatus.ACTIVE), 10)).containsExactly(List.of(ann, anna));
        assertThat(allTenantPages(tenantQuery().emailPrefix("ann"), 1)).containsExactly(List.of(ann), List.of(anna));
        assertThat(allTenantPages(tenantQuery().emailPrefix("a_"), 10)).isEmpty();
        assertThat(allTenantPages(tenantQuery().account(colleagueAccount.id()).role(Role.USER)
                .status(UserStatus.DISABLED), 10)).containsExactly(List.of(cleo));
        assertThat(allTenantPages(tenantQuery().role(Role.USER).status(UserStatus.ACTIVE).emailPrefix("a"), 10))
                .containsExactly(List.of(ann));
        assertThat(allTenantPages(tenantQuery().account(otherAccount.id()), 10)).as("another tenant's account").isEmpty();
    }

    @Test
    void movesAUserToAnotherAccountAndChangesNothingElse() {
        User mover = user(account, uniqueEmail(), Role.ACCOUNT_ADMIN, UserStatus.DISABLED);
        User staying = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(mover);
        users.insert(staying);

        assertThat(users.updateAccount(tenant.id(), mover.id(), colleagueAccount.id())).isTrue();

        assertThat(users.findById(tenant.id(), mover.id())).contains(mover.withAccount(colleagueAccount.id()).withNextStamp());
        assertThat(users.findById(tenant.id(), staying.id())).contains(staying);
        assertThat(users.findPageInAccount(tenant.id(), account.id(), everything())).containsExactly(staying);
        assertThat(users.countInAccount(tenant.id(), colleagueAccount.id(), Role.ACCOUNT_ADMIN)).isEqualTo(1);
    }

    @Test
    void disablesAndEnablesAUserAndChangesNothingElse() {
        User user = user(account, uniqueEmail(), Role.ACCOUNT_ADMIN, UserStatus.ACTIVE);
        User colleague = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(user);
        users.insert(colleague);

        assertThat(users.updateStatus(tenant.id(), user.id(), UserStatus.DISABLED)).isTrue();
        assertThat(users.findById(tenant.id(), user.id())).contains(user.withStatus(UserStatus.DISABLED).withNextStamp());
        assertThat(users.findById(tenant.id(), colleague.id())).contains(colleague);

        assertThat(users.updateStatus(tenant.id(), user.id(), UserStatus.ACTIVE)).isTrue();
        assertThat(users.findById(tenant.id(), user.id())).contains(user.withNextStamp().withNextStamp());
    }

    @Test
    void reportsAMoveOrStatusChangeOfAnUnknownOrForeignUserAsFalseAndChangesNothing() {
        User user = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(user);
        UserId unknown = new UserId(UUID.randomUUID());

        assertThat(users.updateAccount(tenant.id(), unknown, colleagueAccount.id())).isFalse();
        assertThat(users.updateAccount(otherTenant.id(), user.id(), otherAccount.id())).isFalse();
        assertThat(users.updateStatus(tenant.id(), unknown, UserStatus.DISABLED)).isFalse();
        assertThat(users.updateStatus(otherTenant.id(), user.id(), UserStatus.DISABLED)).isFalse();
        assertThat(users.findById(tenant.id(), user.id())).contains(user);
        assertThat(users.findPageInTenant(otherTenant.id(), tenantQuery().build(100))).isEmpty();
    }

    @Test
    void rollsBackAMoveAndAStatusChangeInAFailedTransaction() {
        User mover = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        users.insert(mover);
        RuntimeException failure = new IllegalStateException("work failed after the writes");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            users.updateAccount(tenant.id(), mover.id(), colleagueAccount.id());
            users.updateStatus(tenant.id(), mover.id(), UserStatus.DISABLED);
            throw failure;
        })).isSameAs(failure);

        assertThat(users.findById(tenant.id(), mover.id())).contains(mover);
    }

    /** Builds the admin listing's queries of these tests. */
    private record TenantQuery(Optional<AccountId> account, Optional<Role> role, Optional<UserStatus> status,
                               Optional<String> emailPrefix) {
        TenantQuery account(AccountId id) {
            return new TenantQuery(Optional.of(id), role, status, emailPrefix);
        }

        TenantQuery role(Role r) {
            return new TenantQuery(account, Optional.of(r), status, emailPrefix);
        }

        TenantQuery status(UserStatus s) {
            return new TenantQuery(account, role, Optional.of(s), emailPrefix);
        }

        TenantQuery emailPrefix(String p) {
            return new TenantQuery(account, role, status, Optional.of(p));
        }

        UserRepository.TenantPageQuery build(int limit) {
            return build(Optional.empty(), limit);
        }

        UserRepository.TenantPageQuery build(Optional<Position> after, int limit) {
            return new UserRepository.TenantPageQuery(account, role, status, emailPrefix, after, limit);
        }
    }

    private static TenantQuery tenantQuery() {
        return new TenantQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Every page of the tenant's users the query selects, each asked for after the last user of the one before. */
    private List<List<User>> allTenantPages(TenantQuery query, int limit) {
        List<List<User>> pages = new ArrayList<>();
        Optional<Position> after = Optional.empty();
        while (true) {
            List<User> page = users.findPageInTenant(tenant.id(), query.build(after, limit));
            if (page.isEmpty()) {
                return pages;
            }
            assertThat(page).as("page %d", pages.size() + 1).hasSizeLessThanOrEqualTo(limit);
            assertThat(pages).as("pages so far (a page that never ends repeats)").hasSizeLessThan(50);
            pages.add(page);
            User last = page.get(page.size() - 1);
            after = after(last.created(), last.id());
        }
    }

    /** Users of the tenant's other account and of the other tenant, which no query about {@code account} sees. */
    private void insertStrangers() {
        users.insert(member(colleagueAccount, "colleague@example.com", Role.ACCOUNT_ADMIN, T0));
        users.insert(member(otherAccount, "ann@example.com", Role.ACCOUNT_ADMIN, T0));
        users.insert(member(otherAccount, "a%b@example.com", Role.USER, T0.plusSeconds(2)));
    }

    /** Every page of {@code account}'s members, each asked for after the last member of the one before. */
    private List<List<User>> allPages(Optional<Role> role, Optional<String> emailPrefix, int limit) {
        List<List<User>> pages = new ArrayList<>();
        Optional<Position> after = Optional.empty();
        while (true) {
            List<User> page = page(role, emailPrefix, after, limit);
            if (page.isEmpty()) {
                return pages;
            }
            assertThat(page).as("page %d", pages.size() + 1).hasSizeLessThanOrEqualTo(limit);
            assertThat(pages).as("pages so far (a page that never ends repeats)").hasSizeLessThan(50);
            pages.add(page);
            User last = page.get(page.size() - 1);
            after = after(last.created(), last.id());
        }
    }

    private List<User> page(Optional<Role> role, Optional<String> emailPrefix, Optional<Position> after, int limit) {
        return users.findPageInAccount(tenant.id(), account.id(), new PageQuery(role, emailPrefix, after, limit));
    }

    private static Optional<Position> after(Instant created, UserId id) {
        return Optional.of(new Position(created, id));
    }

    private static PageQuery everything() {
        return new PageQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    private static User member(Account account, String email, Role role, Instant created) {
        return member(account, email, role, created, new UserId(UUID.randomUUID()));
    }

    private static User member(Account account, String email, Role role, Instant created, UserId id) {
        return User.restore(id, account.tenantId(), account.id(), new EmailAddress(email),
                new PasswordHash("$2b$10$" + UUID.randomUUID()), role, created, UserStatus.ACTIVE);
    }

    private static User withRole(User u, Role role) {
        return User.restore(u.id(), u.tenantId(), u.accountId(), u.email(), u.passwordHash(), role, u.created(),
                u.status());
    }

    /**
     * A fresh random id whose first byte is the given one: ids that sort differently when UUIDs are compared as
     * signed numbers ({@link UUID#compareTo}) than as the unsigned bytes the databases compare.
     */
    private static UserId idStartingWith(int firstByte) {
        UUID random = UUID.randomUUID();
        long high = random.getMostSignificantBits() & 0x00FF_FFFF_FFFF_FFFFL | (long) firstByte << 56;
        return new UserId(new UUID(high, random.getLeastSignificantBits()));
    }

    // ---- the security stamp (docs/adr/0008-session-revocation.md) -------------------------------------------

    /** One session-ending change of {@code user}, as the services make it. */
    @Test
    void givesAUserAnotherVerifiedAddressUnlessAnotherUserOfTheTenantHasItAndFreesTheOldOne() {
        User mover = user(account, uniqueEmail(), Role.ACCOUNT_ADMIN, UserStatus.ACTIVE);
        User holder = user(account, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        User stranger = user(otherAccount, uniqueEmail(), Role.USER, UserStatus.ACTIVE);
        List.of(mover, holder, stranger).forEach(users::insert);
        EmailAddress fresh = uniqueEmail();

        assertThat(users.updateEmail(tenant.id(), mover.id(), fresh)).isTrue();

        User moved = mover.withVerifiedEmail(fresh).withNextStamp();
        assertThat(users.findById(tenant.id(), mover.id())).contains(moved);
        assertThat(users.findByEmail(tenant.id(), fresh)).contains(moved);
        assertThat(users.findByEmail(tenant.id(), mover.email())).as("the old address is free").isEmpty();
        users.insert(user(account, mover.email()));

        assertThatThrownBy(() -> users.updateEmail(tenant.id(), mover.id(), holder.email()))
                .isInstanceOf(EmailAlreadyInUse.class);
        assertThat(users.findById(tenant.id(), mover.id())).contains(moved);
        assertThat(users.updateEmail(tenant.id(), mover.id(), stranger.email()))
                .as("another tenant's user has it: no conflict").isTrue();
        assertThat(users.updateEmail(tenant.id(), mover.id(), stranger.email())).as("its own address again").isTrue();
        assertThat(users.updateEmail(tenant.id(), new UserId(UUID.randomUUID()), uniqueEmail())).isFalse();
        assertThat(users.updateEmail(otherTenant.id(), mover.id(), uniqueEmail())).isFalse();
        assertThat(users.findById(otherTenant.id(), stranger.id())).contains(stranger);
    }

    private interface SessionEndingChange {
        void apply(User user);
    }

    private List<SessionEndingChange> sessionEndingChanges() {
        return List.of(
                u -> assertThat(users.updatePasswordHash(tenant.id(), u.id(), new PasswordHash("$2b$10$" + UUID.randomUUID()))).isTrue(),
                u -> assertThat(users.updateRole(tenant.id(), u.id(), Role.USER)).isTrue(),
                u -> assertThat(users.updateAccount(tenant.id(), u.id(), colleagueAccount.id())).isTrue(),
                u -> assertThat(users.updateStatus(tenant.id(), u.id(), UserStatus.DISABLED)).isTrue(),
                u -> assertThat(users.markEmailVerified(tenant.id(), u.id())).as("first proof").isTrue(),
                u -> assertThat(users.updateEmail(tenant.id(), u.id(), uniqueEmail())).isTrue(),
                u -> assertThat(users.delete(tenant.id(), u.id())).isTrue());
    }

    @Test
    void everySessionEndingChangeAdvancesTheStampAndARehashKeepsIt() {
        User user = user(account, uniqueEmail(), Role.ACCOUNT_ADMIN, UserStatus.ACTIVE);
        users.insert(user);
        assertThat(users.findById(tenant.id(), user.id()).orElseThrow().securityStamp()).isEqualTo(SecurityStamp.INITIAL);
        List<SessionEndingChange> changes = sessionEndingChanges();
        SecurityStamp seen = SecurityStamp.INITIAL;
        for (SessionEndingChange change : changes.subList(0, changes.size() - 1)) {
            change.apply(user);
            SecurityStamp now = users.findById(tenant.id(), user.id()).orElseThrow().securityStamp();
            assertThat(now).isNotEqualTo(seen);
            seen = now;
        }

        User stored = users.findById(tenant.id(), user.id()).orElseThrow();
        PasswordHash upgraded = new PasswordHash("$2b$12$upgraded-" + UUID.randomUUID());
        assertThat(users.upgradePasswordHash(tenant.id(), user.id(), user.passwordHash(), upgraded))
                .as("a rehash over a hash that was replaced meanwhile").isFalse();
        assertThat(users.upgradePasswordHash(tenant.id(), user.id(), stored.passwordHash(), upgraded)).isTrue();
        assertThat(users.findById(tenant.id(), user.id())).contains(stored.withPasswordHash(upgraded));
        assertThat(users.upgradePasswordHash(otherTenant.id(), user.id(), upgraded, stored.passwordHash())).isFalse();
    }

    @Test
    void locksOnlyAnExistingUserOfTheTenantWhoseStampIsUnchanged() {
        User user = user(account, uniqueEmail());
        users.insert(user);

        assertThat(transactions.inTransaction(() -> users.lockUnchanged(tenant.id(), user.id(), SecurityStamp.INITIAL)))
                .isTrue();
        assertThat(transactions.inTransaction(() -> users.lockUnchanged(otherTenant.id(), user.id(), SecurityStamp.INITIAL)))
                .isFalse();
        assertThat(transactions.inTransaction(() -> users.lockUnchanged(tenant.id(), new UserId(UUID.randomUUID()),
                SecurityStamp.INITIAL))).isFalse();
        users.updateStatus(tenant.id(), user.id(), UserStatus.DISABLED);
        SecurityStamp changed = users.findById(tenant.id(), user.id()).orElseThrow().securityStamp();
        assertThat(transactions.inTransaction(() -> users.lockUnchanged(tenant.id(), user.id(), SecurityStamp.INITIAL)))
                .isFalse();
        assertThat(transactions.inTransaction(() -> users.lockUnchanged(tenant.id(), user.id(), changed))).isTrue();
        users.delete(tenant.id(), user.id());
        assertThat(transactions.inTransaction(() -> users.lockUnchanged(tenant.id(), user.id(), changed))).isFalse();
    }

    /**
     * A sign-in read the user, then a session-ending change locks the row; the sign-in's check waits for it and,
     * once it commits, finds the stamp changed: the sign-in stores nothing. For each kind of change.
     */
    @Test
    void aSignInWhoseCheckWaitsForASessionEndingChangeFindsTheStampChanged() throws Exception {
        for (SessionEndingChange change : sessionEndingChanges()) {
            User user = user(account, uniqueEmail(), Role.ACCOUNT_ADMIN, UserStatus.ACTIVE);
            users.insert(user);
            CountDownLatch changed = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> changing = threads.submit(() -> transactions.inTransaction(() -> {
                    change.apply(user);
                    changed.countDown();
                    pause(LOCK_HOLD);
                    return null;
                }));
                Future<Boolean> signIn = threads.submit(() -> {
                    changed.await();
                    return transactions.inTransaction(() -> users.lockUnchanged(tenant.id(), user.id(),
                            user.securityStamp()));
                });
                changing.get(30, TimeUnit.SECONDS);
                assertThat(signIn.get(30, TimeUnit.SECONDS)).as("the sign-in's check after a committed change").isFalse();
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /**
     * A sign-in holds the user's lock and stores its session; a session-ending change that comes meanwhile waits
     * for it, so the revocation made after the change sees (and ends) that session. For each kind of change.
     */
    @Test
    void aSessionEndingChangeThatWaitsForASignInsLockEndsTheSessionItStored() throws Exception {
        SessionRepository sessions = ports().sessions();
        for (SessionEndingChange change : sessionEndingChanges()) {
            User user = user(account, uniqueEmail(), Role.ACCOUNT_ADMIN, UserStatus.ACTIVE);
            users.insert(user);
            Session session = PersistenceMother.session(user, T0);
            CountDownLatch locked = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> signIn = threads.submit(() -> transactions.inTransaction(() -> {
                    boolean unchanged = users.lockUnchanged(tenant.id(), user.id(), session.securityStamp());
                    locked.countDown();
                    pause(LOCK_HOLD);
                    if (unchanged) {
                        sessions.insert(session);
                    }
                    return unchanged;
                }));
                Future<List<Session>> ending = threads.submit(() -> {
                    locked.await();
                    return transactions.inTransaction(() -> {
                        change.apply(user);
                        return sessions.revokeAllOfUser(tenant.id(), user.id(), Optional.empty(),
                                dev.gatehouse.domain.session.RevocationReason.USER_CHANGED, T0.plusSeconds(60));
                    });
                });
                assertThat(signIn.get(30, TimeUnit.SECONDS)).isTrue();
                assertThat(ending.get(30, TimeUnit.SECONDS)).extracting(Session::id).containsExactly(session.id());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static final Duration LOCK_HOLD = Duration.ofMillis(300);

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
