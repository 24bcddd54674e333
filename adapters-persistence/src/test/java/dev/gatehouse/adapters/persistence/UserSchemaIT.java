package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.port.out.UserRepository.PageQuery;
import dev.gatehouse.application.port.out.UserRepository.Position;
import dev.gatehouse.application.port.out.UserRepository.TenantPageQuery;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plans of the account member queries, which the repository contracts cannot see: a page deep into a large
 * account must be read off an index in order, never by sorting the whole account. Both databases are checked,
 * as H2 picks indexes differently (V4 explains why the queries order by the account and tenant first).
 */
class UserSchemaIT {
    private static final String DATABASES = "dev.gatehouse.adapters.persistence.DatabaseIT#databases";
    private static final String PAGE_INDEX = "app_user_account_page_idx";
    private static final String ROLE_INDEX = "app_user_account_role_idx";
    private static final String TENANT_PAGE_INDEX = "app_user_tenant_page_idx";
    private static final String TENANT_ROLE_INDEX = "app_user_tenant_role_idx";
    private static final String TENANT_STATUS_INDEX = "app_user_tenant_status_idx";
    private static final int MEMBERS = 2_000;
    private static final int PAGE = 20;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @MethodSource(DATABASES)
    void readsAccountMemberPagesAndCountsInIndexOrder(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            Tenant tenant = tenant();
            Account account = account(tenant);
            Account neighbour = account(tenant);
            database.tenants().insert(tenant);
            database.accounts().insert(account);
            database.accounts().insert(neighbour);
            List<User> members = new ArrayList<>();
            database.transactions().inTransaction(() -> {
                for (int i = 0; i < MEMBERS; i++) {
                    User member = member(account, "member-", i);
                    database.users().insert(member);
                    members.add(member);
                    database.users().insert(member(neighbour, "neighbour-", i));
                }
                return null;
            });
            boolean h2 = database.dsl().dialect() == SQLDialect.H2;
            database.dsl().execute(h2 ? "analyze table app_user" : "analyze app_user");
            JooqUserRepository users = (JooqUserRepository) database.users();
            User middle = users.findPageInAccount(tenant.id(), account.id(), new PageQuery(Optional.empty(),
                    Optional.of("member-1000@"), Optional.empty(), 1)).get(0);
            Optional<Position> deep = Optional.of(new Position(middle.created(), middle.id()));

            PageQuery first = new PageQuery(Optional.empty(), Optional.empty(), Optional.empty(), PAGE);
            PageQuery deeper = new PageQuery(Optional.empty(), Optional.empty(), deep, PAGE);
            PageQuery plainUsers = new PageQuery(Optional.of(Role.USER), Optional.empty(), deep, PAGE);
            PageQuery prefixed = new PageQuery(Optional.empty(), Optional.of("member-1"), deep, PAGE);

            Function<PageQuery, Query> page = query -> users.page(tenant.id(), account.id(), query);
            // Here the account holds half of the tenant: PostgreSQL may as well read the tenant's page index (V11) in
            // order and skip the other half; with many accounts the account's own index is the cheaper one.
            assertReadInIndexOrder(database, page.apply(first), "first page", PAGE_INDEX, TENANT_PAGE_INDEX);
            assertReadInIndexOrder(database, page.apply(deeper), "deep page", PAGE_INDEX, TENANT_PAGE_INDEX);
            // Most members have this role: PostgreSQL may as well read the page index and skip the few others.
            assertReadInIndexOrder(database, page.apply(plainUsers), "page of plain users", ROLE_INDEX, PAGE_INDEX,
                    TENANT_PAGE_INDEX);
            assertReadInIndexOrder(database, page.apply(prefixed), "page filtered by email prefix", PAGE_INDEX,
                    TENANT_PAGE_INDEX);
            assertThat(plan(database, users.count(tenant.id(), account.id(), Role.ACCOUNT_ADMIN)))
                    .as("plan of the admin count").containsIgnoringCase(ROLE_INDEX);

            // The canonical text of UUIDs sorts as their unsigned bytes, which is how both databases sort them.
            members.sort(Comparator.comparing(User::created).thenComparing(u -> u.id().value().toString()));
            List<User> afterMiddle = members.subList(members.indexOf(middle) + 1, members.size());
            assertThat(users.findPageInAccount(tenant.id(), account.id(), first))
                    .containsExactlyElementsOf(members.subList(0, PAGE));
            assertThat(users.findPageInAccount(tenant.id(), account.id(), deeper))
                    .containsExactlyElementsOf(afterMiddle.subList(0, PAGE));
            assertThat(users.findPageInAccount(tenant.id(), account.id(), plainUsers)).containsExactlyElementsOf(
                    afterMiddle.stream().filter(u -> u.role() == Role.USER).limit(PAGE).toList());
            assertThat(users.findPageInAccount(tenant.id(), account.id(), prefixed)).containsExactlyElementsOf(
                    afterMiddle.stream().filter(u -> u.email().value().startsWith("member-1")).limit(PAGE).toList());
            assertThat(users.countInAccount(tenant.id(), account.id(), Role.ACCOUNT_ADMIN)).isEqualTo(MEMBERS / 100);
        }
    }

    /** The admin listing over the whole tenant (V11's indexes) and over one account of it (V4's). */
    @ParameterizedTest
    @MethodSource(DATABASES)
    void readsTenantWidePagesInIndexOrder(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            Tenant tenant = tenant();
            Tenant neighbourTenant = tenant();
            Account account = account(tenant);
            Account colleague = account(tenant);
            Account neighbour = account(neighbourTenant);
            database.tenants().insert(tenant);
            database.tenants().insert(neighbourTenant);
            database.accounts().insert(account);
            database.accounts().insert(colleague);
            database.accounts().insert(neighbour);
            List<User> members = new ArrayList<>();
            database.transactions().inTransaction(() -> {
                for (int i = 0; i < MEMBERS; i++) {
                    User member = member(i % 2 == 0 ? account : colleague, "member-", i);
                    if (i % 50 == 7) {
                        member = member.withStatus(UserStatus.DISABLED);
                    }
                    database.users().insert(member);
                    members.add(member);
                    database.users().insert(member(neighbour, "neighbour-", i));
                }
                return null;
            });
            boolean h2 = database.dsl().dialect() == SQLDialect.H2;
            database.dsl().execute(h2 ? "analyze table app_user" : "analyze app_user");
            JooqUserRepository users = (JooqUserRepository) database.users();
            members.sort(Comparator.comparing(User::created).thenComparing(u -> u.id().value().toString()));
            User middle = members.get(MEMBERS / 2);
            Optional<Position> deep = Optional.of(new Position(middle.created(), middle.id()));
            List<User> afterMiddle = members.subList(MEMBERS / 2 + 1, members.size());
            Optional<dev.gatehouse.domain.account.AccountId> none = Optional.empty();

            TenantPageQuery first = new TenantPageQuery(none, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), PAGE);
            TenantPageQuery deeper = new TenantPageQuery(none, Optional.empty(), Optional.empty(), Optional.empty(),
                    deep, PAGE);
            TenantPageQuery admins = new TenantPageQuery(none, Optional.of(Role.ACCOUNT_ADMIN), Optional.empty(),
                    Optional.empty(), deep, PAGE);
            TenantPageQuery disabled = new TenantPageQuery(none, Optional.empty(), Optional.of(UserStatus.DISABLED),
                    Optional.empty(), deep, PAGE);
            TenantPageQuery oneAccount = new TenantPageQuery(Optional.of(account.id()), Optional.empty(),
                    Optional.empty(), Optional.empty(), deep, PAGE);

            Function<TenantPageQuery, Query> page = query -> users.tenantPage(tenant.id(), query);
            assertReadInIndexOrder(database, page.apply(first), "first tenant page", TENANT_PAGE_INDEX);
            assertReadInIndexOrder(database, page.apply(deeper), "deep tenant page", TENANT_PAGE_INDEX);
            // Few users match these: PostgreSQL may range-scan the index from the cursor on and sort just those.
            assertReadFromIndexRange(database, page.apply(admins), "tenant page of admins", TENANT_ROLE_INDEX);
            assertReadFromIndexRange(database, page.apply(disabled), "tenant page of disabled users", TENANT_STATUS_INDEX);
            assertReadInIndexOrder(database, page.apply(oneAccount), "tenant page of one account", PAGE_INDEX,
                    TENANT_PAGE_INDEX);

            // One user matches: PostgreSQL reads the (tenant_id, email) index range and sorts that one row, instead
            // of scanning the tenant in creation order for it.
            TenantPageQuery rare = new TenantPageQuery(none, Optional.empty(), Optional.empty(),
                    Optional.of("member-1999@"), Optional.empty(), PAGE);
            if (!h2) {
                assertThat(plan(database, page.apply(rare))).as("plan of a rare email prefix")
                        .containsIgnoringCase("app_user_tenant_email_uq").doesNotContain("Seq Scan");
            }
            assertThat(users.findPageInTenant(tenant.id(), rare)).extracting(u -> u.email().value())
                    .containsExactly("member-1999@example.com");
            assertThat(users.findPageInTenant(tenant.id(), new TenantPageQuery(none, Optional.empty(), Optional.empty(),
                    Optional.of("member-19"), Optional.empty(), 100))).containsExactlyElementsOf(members.stream()
                    .filter(u -> u.email().value().startsWith("member-19")).limit(100).toList());
            assertThat(users.findPageInTenant(tenant.id(), first)).containsExactlyElementsOf(members.subList(0, PAGE));
            assertThat(users.findPageInTenant(tenant.id(), deeper)).containsExactlyElementsOf(afterMiddle.subList(0, PAGE));
            assertThat(users.findPageInTenant(tenant.id(), admins)).containsExactlyElementsOf(afterMiddle.stream()
                    .filter(u -> u.role() == Role.ACCOUNT_ADMIN).limit(PAGE).toList());
            assertThat(users.findPageInTenant(tenant.id(), disabled)).containsExactlyElementsOf(afterMiddle.stream()
                    .filter(u -> u.status() == UserStatus.DISABLED).limit(PAGE).toList());
            assertThat(users.findPageInTenant(tenant.id(), oneAccount)).containsExactlyElementsOf(afterMiddle.stream()
                    .filter(u -> u.accountId().equals(account.id())).limit(PAGE).toList());
        }
    }

    private static void assertReadInIndexOrder(Database database, Query query, String what, String... indexes) {
        String plan = plan(database, query);
        assertThat(indexes).as("indexes in the plan of the %s:%n%s", what, plan)
                .anySatisfy(index -> assertThat(plan).containsIgnoringCase(index));
        if (database.dsl().dialect() == SQLDialect.H2) {
            assertThat(plan).as("plan of the %s", what).contains("/* index sorted */");
        } else {
            assertThat(plan).as("plan of the %s", what).doesNotContain("Sort").doesNotContain("Seq Scan");
        }
    }

    /**
     * On H2 as {@link #assertReadInIndexOrder}; on PostgreSQL the index must bound the rows read by the filter and
     * the cursor (it is in the plan, and nothing is read by a sequential scan), though the few rows found may be
     * sorted.
     */
    private static void assertReadFromIndexRange(Database database, Query query, String what, String index) {
        if (database.dsl().dialect() == SQLDialect.H2) {
            assertReadInIndexOrder(database, query, what, index);
            return;
        }
        String plan = plan(database, query);
        assertThat(plan).as("plan of the %s", what).containsIgnoringCase(index).doesNotContain("Seq Scan");
        assertThat(plan).as("plan of the %s: the cursor bounds the index range", what).contains("Index Cond")
                .contains("ROW(created, id) >");
    }

    /** The whole plan: jOOQ's {@code explain(query).plan()} cuts long lines short, and H2 writes its plan as one. */
    private static String plan(Database database, Query query) {
        return database.dsl().fetch("explain " + database.dsl().renderInlined(query)).stream()
                .map(row -> String.valueOf(row.get(0))).collect(Collectors.joining("\n"));
    }

    /** The i-th member: two join in each second, so that pages cross ties in creation time; every 100th an admin. */
    private static User member(Account account, String emailPrefix, int i) {
        return User.restore(new UserId(UUID.randomUUID()), account.tenantId(), account.id(),
                new EmailAddress(emailPrefix + i + "@example.com"), new PasswordHash("$2b$10$" + UUID.randomUUID()),
                i % 100 == 0 ? Role.ACCOUNT_ADMIN : Role.USER, T0.plusSeconds(i / 2), UserStatus.ACTIVE);
    }
}
