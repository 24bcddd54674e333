package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.AccountCalls.PK;
import static dev.gatehouse.adapters.http.AccountCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.fakes.AllFeatures;
import dev.gatehouse.application.support.Settings;
import dev.gatehouse.domain.user.EmailAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Insecure direct object references: every route that takes a user or account id, given ids of another
 * account of the same tenant and of another tenant, by callers of every role. The answer must be 404 and
 * must read exactly like the answer for an id that exists nowhere (never 200, never 403, which would
 * confirm that the id exists), and nothing may change.
 */
class AccountIdorIT {
    private TestServer server;
    private AccountCalls calls;

    /** Tenant A: the caller's account (admin, member), a neighbour account (admin, member). Tenant B alike. */
    private Member admin;
    private Member member;
    private Member neighbourAdmin;
    private Member neighbourMember;
    private Member foreignRoot;
    private Member foreignAdmin;
    private Member foreignMember;
    private String rootTokenA;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld(Settings.DEFAULT.withDevMode(true)));
        calls = new AccountCalls(server);
        ProvisionTenantUseCase.Provisioned a = provision("owner-a@example.io");
        ProvisionTenantUseCase.Provisioned b = provision("owner-b@example.io");
        String pkA = a.tenant().publicKey();
        String pkB = b.tenant().publicKey();
        rootTokenA = a.rootToken();
        admin = calls.signUp(pkA, "admin@example.io");
        member = calls.addAndSignIn(admin, "member@example.io", null);
        neighbourAdmin = calls.signUp(pkA, "neighbour-admin@example.io");
        neighbourMember = calls.addAndSignIn(neighbourAdmin, "neighbour-member@example.io", null);
        foreignRoot = calls.signIn(pkB, "owner-b@example.io", b.ownerPassword());
        foreignAdmin = calls.signUp(pkB, "foreign-admin@example.io");
        foreignMember = calls.addAndSignIn(foreignAdmin, "foreign-member@example.io", null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void userIdsOfAnotherAccountOrTenantAre404OnEveryUserRouteForEveryRole() {
        Map<String, BiFunction<Member, String, HttpResponse<String>>> routes = new LinkedHashMap<>();
        routes.put("DELETE /account/users/{id}", calls::compatRemove);
        routes.put("DELETE /v1/account/users/{id}", calls::nativeRemove);
        routes.put("PATCH /v1/account/users/{id} user", (caller, id) -> calls.nativeChangeRole(caller, id, "user"));
        routes.put("PATCH /v1/account/users/{id} account_admin",
                (caller, id) -> calls.nativeChangeRole(caller, id, "account_admin"));
        routes.put("PATCH /v1/account/users/{id} root", (caller, id) -> calls.nativeChangeRole(caller, id, "root"));

        List<String> foreignIds = List.of(neighbourAdmin.userId(), neighbourMember.userId(), foreignRoot.userId(),
                foreignAdmin.userId(), foreignMember.userId());
        List<String> failures = new ArrayList<>();
        for (Member caller : List.of(admin, member)) {
            for (Map.Entry<String, BiFunction<Member, String, HttpResponse<String>>> route : routes.entrySet()) {
                HttpResponse<String> nowhere = route.getValue().apply(caller, UUID.randomUUID().toString());
                assertThat(nowhere.statusCode()).as(route.getKey()).isEqualTo(404);
                for (String id : foreignIds) {
                    HttpResponse<String> response = route.getValue().apply(caller, id);
                    if (response.statusCode() != 404 || !response.body().equals(nowhere.body())
                            || !response.headers().firstValue("Content-Type").equals(nowhere.headers().firstValue("Content-Type"))) {
                        failures.add(caller.email() + " " + route.getKey() + " " + id + " -> " + response.statusCode()
                                + " " + response.body());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertEveryoneIsUntouched();
    }

    @Test
    void aTenantsRootUserReachesEveryAccountOfItsTenantButNoneOfAnotherTenant() {
        ProvisionTenantUseCase.Provisioned c = provision("owner-c@example.io");
        Member rootC = calls.signIn(c.tenant().publicKey(), "owner-c@example.io", c.ownerPassword());
        for (Member target : List.of(admin, member, neighbourMember, foreignMember)) {
            assertThat(calls.nativeRemove(rootC, target.userId()).statusCode()).isEqualTo(404);
            assertThat(calls.compatRemove(rootC, target.userId()).statusCode()).isEqualTo(404);
            assertThat(calls.nativeChangeRole(rootC, target.userId(), "account_admin").statusCode()).isEqualTo(404);
        }
        assertThat(calls.nativeRemove(foreignRoot, member.userId()).statusCode()).isEqualTo(404);
        assertEveryoneIsUntouched();
        assertThat(calls.nativeRemove(foreignRoot, foreignMember.userId()).statusCode())
                .as("root acts on another account of its own tenant").isEqualTo(204);
    }

    @Test
    void accountIdsOfAnotherTenantAre404AtSudoGetTokenLikeIdsThatExistNowhere() {
        String pkA = admin.publicKey();
        HttpResponse<String> nowhere = calls.sudo(pkA, "Bearer " + rootTokenA, UUID.randomUUID().toString());
        assertThat(nowhere.statusCode()).isEqualTo(404);
        for (String account : List.of(foreignAdmin.accountId(), foreignRoot.accountId())) {
            HttpResponse<String> response = calls.sudo(pkA, "Bearer " + rootTokenA, account);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo(nowhere.body());
        }
        assertThat(calls.sudo(pkA, "Bearer " + rootTokenA, neighbourAdmin.accountId()).statusCode())
                .as("root authority covers every account of its own tenant").isEqualTo(200);
    }

    @Test
    void listingAndTheAccountRouteShowOnlyTheCallersOwnAccount() {
        HttpResponse<String> compat = calls.compatList(member);
        assertThat(compat.body()).doesNotContain("neighbour", "foreign", "owner");
        HttpResponse<String> page = server.get("/v1/account/users?limit=100", PK, member.publicKey(),
                "Authorization", member.bearer());
        assertThat(page.body()).doesNotContain("neighbour", "foreign", "owner");
        assertThat(json(server.get("/v1/account", PK, member.publicKey(), "Authorization", member.bearer()).body())
                .get("id").asText()).isEqualTo(admin.accountId());
        assertThat(server.get("/v1/account/users", PK, foreignAdmin.publicKey(), "Authorization", member.bearer())
                .statusCode()).as("a token works only at its own tenant").isEqualTo(401);
    }

    /** Every user still signs in with their token and keeps their role. */
    private void assertEveryoneIsUntouched() {
        for (Member someone : List.of(admin, member, neighbourAdmin, neighbourMember, foreignRoot, foreignAdmin, foreignMember)) {
            HttpResponse<String> me = server.get("/v1/me", PK, someone.publicKey(), "Authorization", someone.bearer());
            assertThat(me.statusCode()).as(someone.email()).isEqualTo(200);
        }
        assertThat(json(server.get("/v1/me", PK, neighbourAdmin.publicKey(), "Authorization", neighbourAdmin.bearer())
                .body()).get("role").asText()).isEqualTo("account_admin");
        assertThat(json(server.get("/v1/me", PK, foreignMember.publicKey(), "Authorization", foreignMember.bearer())
                .body()).get("role").asText()).isEqualTo("user");
    }

    private ProvisionTenantUseCase.Provisioned provision(String ownerEmail) {
        return server.world.useCases.provisionTenant().create(new ProvisionTenantUseCase.Command("Tenant of " + ownerEmail,
                new EmailAddress(ownerEmail), Optional.empty()));
    }
}
