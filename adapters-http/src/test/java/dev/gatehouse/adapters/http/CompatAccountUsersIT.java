package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PK;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static dev.gatehouse.adapters.http.CompatApiIT.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.compat.AccountUsersController;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import dev.gatehouse.domain.user.UserStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StaticBackend's account-user routes and {@code /sudogettoken}, as its clients use them: {@code application/json}
 * exactly on success, the user object with both {@code id} and {@code userId}, plain-text errors.
 */
class CompatAccountUsersIT {
    private static final String DEV_ALIAS = "safe-to-use-in-dev-root-token";
    private static final List<String> USER_FIELDS = List.of("id", "userId", "accountId", "email", "role", "created",
            "name", "avatarUrl");

    private TestServer server;
    private AccountCalls calls;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withDevMode(true)));
        server.world.useCases.seedDevTenant().seed();
        server.world.newTenant("pk_a");
        server.world.newTenant("pk_b");
        calls = new AccountCalls(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- POST /account/users

    @Test
    void adminAddsAUserWithRoleZeroAndGetsTheUserObjectTheClientsDecode() {
        Member admin = calls.register("pk_a", "admin@example.io");

        HttpResponse<String> added = calls.compatAdd(admin, "New.User@Example.io");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode user = json(added.body());
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
        assertThat(user.get("id").asText()).isEqualTo(user.get("userId").asText()).isNotEqualTo(admin.userId());
        assertThat(user.get("accountId").asText()).isEqualTo(admin.accountId());
        assertThat(user.get("email").asText()).isEqualTo("new.user@example.io");
        assertThat(user.get("role").isInt()).isTrue();
        assertThat(user.get("role").asInt()).isZero();
        assertThat(Instant.parse(user.get("created").asText())).isEqualTo(server.world.clock.now());

        Member added2 = calls.login("pk_a", "new.user@example.io");
        assertThat(added2.userId()).isEqualTo(user.get("id").asText());
        assertThat(added2.accountId()).isEqualTo(admin.accountId());
    }

    @Test
    void aRoleInTheBodyIsIgnoredTheNewUserIsAlwaysRoleZero() {
        Member admin = calls.register("pk_a", "admin@example.io");
        HttpResponse<String> added = server.postJson("/account/users",
                "{\"email\":\"sneaky@example.io\",\"password\":\"correct horse\",\"role\":100}", PK, "pk_a",
                "Authorization", admin.bearer());
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added.body()).get("role").asInt()).isZero();
    }

    @Test
    void addingAnEmailTheTenantAlreadyHasIs409InPlainTextInAnyCase() {
        Member admin = calls.register("pk_a", "admin@example.io");
        calls.register("pk_a", "elsewhere@example.io");
        assertThat(calls.compatAdd(admin, "dup@example.io").statusCode()).isEqualTo(200);

        for (String email : List.of("DUP@example.io", "Elsewhere@Example.io", "admin@example.io")) {
            HttpResponse<String> again = calls.compatAdd(admin, email);
            assertThat(again.statusCode()).as(email).isEqualTo(409);
            assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
            assertThat(again.body()).endsWith("\n");
        }
        assertThat(calls.compatAdd(calls.register("pk_b", "admin@example.io"), "dup@example.io").statusCode())
                .as("another tenant's users are another namespace").isEqualTo(200);
    }

    @Test
    void invalidBodiesAre400AndAMissingTokenIs401() {
        Member admin = calls.register("pk_a", "admin@example.io");
        HttpResponse<String> badEmail = server.postJson("/account/users", "{\"email\":\"nope\",\"password\":\"correct horse\"}",
                PK, "pk_a", "Authorization", admin.bearer());
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).isEqualTo("email: must be a valid email address\n");
        assertThat(server.postJson("/account/users", "{\"email\":\"short@example.io\",\"password\":\"x\"}", PK, "pk_a",
                "Authorization", admin.bearer()).statusCode()).isEqualTo(400);
        assertThat(server.postJson("/account/users", AccountCalls.credentials("anon@example.io"), PK, "pk_a").statusCode())
                .isEqualTo(401);
    }

    @Test
    void roleZeroUserCannotAddOrRemoveUsers() {
        Member admin = calls.register("pk_a", "admin@example.io");
        calls.compatAdd(admin, "member@example.io");
        calls.compatAdd(admin, "other@example.io");
        Member member = calls.login("pk_a", "member@example.io");
        String other = calls.login("pk_a", "other@example.io").userId();

        HttpResponse<String> add = calls.compatAdd(member, "friend@example.io");
        assertThat(add.statusCode()).isEqualTo(403);
        assertThat(add.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        assertThat(add.body()).isEqualTo("only account admins may manage the account's users\n");
        assertThat(calls.compatRemove(member, other).statusCode()).isEqualTo(403);
        assertThat(calls.compatRemove(member, admin.userId()).statusCode()).isEqualTo(403);
        assertThat(calls.compatRemove(member, member.userId()).statusCode()).isEqualTo(403);
        assertThat(json(calls.compatList(admin).body())).hasSize(3);
    }

    // ---------------------------------------------------------------- GET /account/users

    @Test
    void listIsAnArrayOfTheCallersAccountUsersWithoutAnySecret() {
        Member admin = calls.register("pk_a", "admin@example.io");
        calls.compatAdd(admin, "one@example.io");
        calls.compatAdd(admin, "two@example.io");
        calls.register("pk_a", "stranger@example.io");

        HttpResponse<String> listed = calls.compatList(admin);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(listed.headers().firstValue(AccountUsersController.TRUNCATED_HEADER)).isEmpty();
        JsonNode users = json(listed.body());
        assertThat(users.isArray()).isTrue();
        List<String> emails = new ArrayList<>();
        users.forEach(user -> {
            assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
            assertThat(user.get("id").asText()).isEqualTo(user.get("userId").asText());
            assertThat(user.get("accountId").asText()).isEqualTo(admin.accountId());
            emails.add(user.get("email").asText());
        });
        assertThat(emails).containsExactly("admin@example.io", "one@example.io", "two@example.io");
        assertThat(users.get(0).get("role").asInt()).isEqualTo(50);
        assertThat(users.get(1).get("role").asInt()).isZero();
        assertNoSecrets(listed.body());
    }

    @Test
    void aRoleZeroMemberMayListTheirAccountToo() {
        Member admin = calls.register("pk_a", "admin@example.io");
        calls.compatAdd(admin, "member@example.io");
        Member member = calls.login("pk_a", "member@example.io");
        HttpResponse<String> listed = calls.compatList(member);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed.body())).hasSize(2);
        assertNoSecrets(listed.body());
        assertThat(server.get("/account/users", PK, "pk_a").statusCode()).isEqualTo(401);
        assertThat(server.get("/account/users", PK, "pk_b", "Authorization", member.bearer()).statusCode()).isEqualTo(401);
    }

    @Test
    void listStopsAtTenThousandUsersAndSaysSoInAHeader() {
        Member admin = calls.register("pk_a", "admin@example.io");
        TenantId tenant = server.world.useCases.resolveTenant().byPublishableKey("pk_a").id();
        AccountId account = new AccountId(UUID.fromString(admin.accountId()));
        for (int i = 1; i < AccountUsersController.MAX_LISTED; i++) {
            insertUser(tenant, account, "bulk" + i + "@example.io");
        }

        HttpResponse<String> exactlyFull = calls.compatList(admin);
        assertThat(json(exactlyFull.body())).hasSize(10_000);
        assertThat(exactlyFull.headers().firstValue(AccountUsersController.TRUNCATED_HEADER)).isEmpty();

        insertUser(tenant, account, "one-too-many@example.io");
        HttpResponse<String> truncated = calls.compatList(admin);
        JsonNode users = json(truncated.body());
        assertThat(users).hasSize(10_000);
        assertThat(users.get(0).get("email").asText()).isEqualTo("admin@example.io");
        assertThat(truncated.headers().firstValue(AccountUsersController.TRUNCATED_HEADER)).hasValue("true");
    }

    // ---------------------------------------------------------------- DELETE /account/users/{id}

    @Test
    void adminRemovesAUserAnswersTrueAndThatUsersTokenIsRejectedAtMe() {
        Member admin = calls.register("pk_a", "admin@example.io");
        calls.compatAdd(admin, "leaving@example.io");
        Member leaving = calls.login("pk_a", "leaving@example.io");
        assertThat(server.get("/me", PK, "pk_a", "Authorization", leaving.bearer()).statusCode()).isEqualTo(200);

        HttpResponse<String> removed = calls.compatRemove(admin, leaving.userId());

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(removed.body()).isEqualTo("true");
        assertThat(server.get("/me", PK, "pk_a", "Authorization", leaving.bearer()).statusCode()).isEqualTo(401);
        assertThat(server.postJson("/login", AccountCalls.credentials("leaving@example.io"), PK, "pk_a").statusCode())
                .isEqualTo(401);
        assertThat(calls.compatRemove(admin, leaving.userId()).statusCode()).as("already gone").isEqualTo(404);
        assertThat(json(calls.compatList(admin).body())).hasSize(1);
    }

    @Test
    void adminOfAnotherAccountGets404AndTheUserStays() {
        Member admin = calls.register("pk_a", "admin@example.io");
        calls.compatAdd(admin, "member@example.io");
        Member member = calls.login("pk_a", "member@example.io");
        Member otherAdmin = calls.register("pk_a", "other-admin@example.io");

        HttpResponse<String> attempt = calls.compatRemove(otherAdmin, member.userId());

        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(attempt.body()).isEqualTo("user not found\n");
        assertThat(calls.compatRemove(otherAdmin, admin.userId()).statusCode()).isEqualTo(404);
        assertThat(server.get("/me", PK, "pk_a", "Authorization", member.bearer()).statusCode()).isEqualTo(200);
        assertThat(calls.compatRemove(otherAdmin, UUID.randomUUID().toString()).body()).isEqualTo(attempt.body());
    }

    @Test
    void theLastAdminCannotBeRemovedButOneOfTwoAdminsCan() {
        Member admin = calls.register("pk_a", "admin@example.io");
        HttpResponse<String> self = calls.compatRemove(admin, admin.userId());
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(self.body()).isEqualTo("an account must keep at least one admin\n");

        Member second = calls.addAndSignIn(admin, "second-admin@example.io", "account_admin");
        assertThat(calls.compatRemove(second, admin.userId()).body()).isEqualTo("true");
        assertThat(calls.compatRemove(second, second.userId()).statusCode()).isEqualTo(409);
    }

    @Test
    void anAdminCannotRemoveAUserOfHigherRole() {
        ProvisionTenantUseCase.Provisioned tenant = provision("owner@example.io");
        String pk = tenant.tenant().publicKey();
        Member root = calls.login(pk, "owner@example.io", tenant.ownerPassword());
        Member admin = calls.addAndSignIn(root, "admin@example.io", "account_admin");

        HttpResponse<String> attempt = calls.compatRemove(admin, root.userId());

        assertThat(attempt.statusCode()).isEqualTo(403);
        assertThat(attempt.body())
                .isEqualTo("only the tenant's root token or the operator may act on the tenant's root user\n");
        assertThat(calls.meStatus(root)).isEqualTo(200);
    }

    @Test
    void theTenantsRootUserMayRemoveAUserOfAnyAccountOfTheTenant() {
        Member root = calls.login(SeedDevTenantUseCase.DEV_PUBLIC_KEY, SeedDevTenantUseCase.DEV_ROOT_EMAIL,
                SeedDevTenantUseCase.DEV_ROOT_PASSWORD);
        Member admin = calls.register(SeedDevTenantUseCase.DEV_PUBLIC_KEY, "customer@example.io");
        calls.compatAdd(admin, "employee@example.io");
        String employee = calls.login(SeedDevTenantUseCase.DEV_PUBLIC_KEY, "employee@example.io").userId();

        assertThat(calls.compatRemove(root, employee).body()).isEqualTo("true");
        assertThat(json(calls.compatList(admin).body())).hasSize(1);
    }

    @Test
    void aMalformedIdIs400AfterTheTokenIsChecked() {
        Member admin = calls.register("pk_a", "admin@example.io");
        HttpResponse<String> malformed = calls.compatRemove(admin, "not-a-uuid");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("id: must be an id in UUID form\n");
        assertThat(server.send(server.request("/account/users/not-a-uuid").header(PK, "pk_a").DELETE()).statusCode())
                .isEqualTo(401);
    }

    // ---------------------------------------------------------------- GET /sudogettoken/{accountId}

    @Test
    void sudoGetTokenWithTheDevRootAliasAnswersATokenOfTheAccountsFirstUser() {
        String dev = SeedDevTenantUseCase.DEV_PUBLIC_KEY;
        Member first = calls.register(dev, "first@example.io");
        server.world.clock.advance(Duration.ofSeconds(1));
        calls.compatAdd(first, "later@example.io");

        HttpResponse<String> sudo = calls.sudo(dev, "Bearer " + DEV_ALIAS, first.accountId());

        assertThat(sudo.statusCode()).as(sudo.body()).isEqualTo(200);
        assertThat(sudo.headers().allValues("Content-Type")).containsExactly("application/json");
        JsonNode token = json(sudo.body());
        assertThat(token.isTextual()).isTrue();
        Member impersonated = calls.withToken(dev, token.asText());
        assertThat(impersonated.userId()).isEqualTo(first.userId());
        assertThat(impersonated.email()).isEqualTo("first@example.io");
        assertThat(sudo.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void sudoGetTokenWithAProvisionedTenantsRootToken() {
        ProvisionTenantUseCase.Provisioned tenant = provision("owner@example.io");
        String pk = tenant.tenant().publicKey();
        Member customer = calls.register(pk, "customer@example.io");

        HttpResponse<String> sudo = calls.sudo(pk, "Bearer " + tenant.rootToken(), customer.accountId());

        assertThat(sudo.statusCode()).as(sudo.body()).isEqualTo(200);
        assertThat(calls.withToken(pk, json(sudo.body()).asText()).userId()).isEqualTo(customer.userId());
    }

    @Test
    void sudoGetTokenRefusesUserTokensMissingTokensAndOtherTenantsRootTokensWith401() {
        ProvisionTenantUseCase.Provisioned tenant = provision("owner@example.io");
        ProvisionTenantUseCase.Provisioned other = provision("other-owner@example.io");
        String pk = tenant.tenant().publicKey();
        Member owner = calls.login(pk, "owner@example.io", tenant.ownerPassword());
        Member customer = calls.register(pk, "customer@example.io");

        for (String authorization : new String[] {null, "Bearer " + owner.token(), "Bearer " + customer.token(),
                "Bearer " + other.rootToken(), "Bearer " + DEV_ALIAS, "Basic " + tenant.rootToken(),
                "Bearer " + tenant.rootToken() + "x", "Bearer " + "r".repeat(3000)}) {
            HttpResponse<String> refused = calls.sudo(pk, authorization, customer.accountId());
            assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(calls.sudo(other.tenant().publicKey(), "Bearer " + tenant.rootToken(), customer.accountId())
                .statusCode()).isEqualTo(401);
        assertThat(calls.sudo("pk_unknown", "Bearer " + tenant.rootToken(), customer.accountId()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theDevAliasIsRefusedOutsideDevModeAndAtOtherTenants() {
        assertThat(calls.sudo("pk_a", "Bearer " + DEV_ALIAS, calls.register("pk_a", "a@example.io").accountId())
                .statusCode()).isEqualTo(401);
        try (TestServer production = TestServer.start(new FakeWorld())) {
            production.world.useCases.seedDevTenant().seed();
            AccountCalls productionCalls = new AccountCalls(production);
            Member member = productionCalls.register(SeedDevTenantUseCase.DEV_PUBLIC_KEY, "a@example.io");
            assertThat(productionCalls.sudo(SeedDevTenantUseCase.DEV_PUBLIC_KEY, "Bearer " + DEV_ALIAS,
                    member.accountId()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aRotatedRootTokenStopsWorkingAndTheNewOneWorks() {
        ProvisionTenantUseCase.Provisioned tenant = provision("owner@example.io");
        String pk = tenant.tenant().publicKey();
        Member customer = calls.register(pk, "customer@example.io");
        String rotated = server.world.useCases.provisionTenant().rotateRootToken(tenant.tenant().id());

        assertThat(calls.sudo(pk, "Bearer " + tenant.rootToken(), customer.accountId()).statusCode()).isEqualTo(401);
        assertThat(calls.sudo(pk, "Bearer " + rotated, customer.accountId()).statusCode()).isEqualTo(200);
    }

    @Test
    void sudoGetTokenForAnUnknownAccountIs404AndForAMalformedIdIs400() {
        String dev = SeedDevTenantUseCase.DEV_PUBLIC_KEY;
        HttpResponse<String> unknown = calls.sudo(dev, "Bearer " + DEV_ALIAS, UUID.randomUUID().toString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        HttpResponse<String> malformed = calls.sudo(dev, "Bearer " + DEV_ALIAS, "42");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).isEqualTo("accountId: must be an id in UUID form\n");
        assertThat(calls.sudo(dev, null, "42").statusCode()).as("the token is checked first").isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers

    private ProvisionTenantUseCase.Provisioned provision(String ownerEmail) {
        return server.world.useCases.provisionTenant().create(new ProvisionTenantUseCase.Command("Tenant of " + ownerEmail,
                new EmailAddress(ownerEmail), Optional.empty()));
    }

    private void insertUser(TenantId tenant, AccountId account, String email) {
        server.world.users.insert(new User(new UserId(server.world.ids.newId()), tenant, account, new EmailAddress(email),
                new PasswordHash("fake-hash-not-for-the-wire"), Role.USER, server.world.clock.now(), UserStatus.ACTIVE));
    }

    /** No field that could carry a secret, and none of the stored password hashes' text. */
    private void assertNoSecrets(String body) {
        JsonNode users = json(body);
        users.forEach(user -> user.fieldNames().forEachRemaining(name -> assertThat(name.toLowerCase())
                .doesNotContain("hash", "password", "token", "code", "secret")));
        assertThat(body).doesNotContain("$2", "fake1$", "fake0$", "fake-hash");
        users.forEach(user -> server.world.users.findById(
                        server.world.useCases.resolveTenant().byPublishableKey("pk_a").id(),
                        new UserId(UUID.fromString(user.get("id").asText())))
                .ifPresent(stored -> assertThat(body).doesNotContain(stored.passwordHash().encoded())));
    }
}
