package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privileged actions on the real server (dev mode), tried as an attacker holding a scoped secret key or a stale
 * admin token would: a {@code users:write} key cannot reach the tenant's root user (reset codes, sudo tokens, admin
 * user and session routes: 403) and its reset requests are audited as the key's; a key revokes only keys no
 * stronger than itself; an admin demoted, disabled or removed behind a still-accepted token changes nothing in
 * the account (the change reads the actor's stored state; the changes are made in the database directly, so no
 * revocation can be what refuses it).
 */
class PrivilegedActionsIT {
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String DEV_ROOT = "safe-to-use-in-dev-root-token";
    private static final String OWNER = "admin@dev.com";
    private static final String OWNER_PASSWORD = "devpw1234";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;
    private ServerProcess server;
    private NativeClient client;
    private final Map<String, String> root = bearer(PK, DEV_ROOT);

    @AfterEach
    void stop() {
        ServerProcess.closeAll(server);
    }

    private void start(Map<String, String> environment) {
        server = ServerProcess.start(dir, environment);
        client = new NativeClient(server);
    }

    @Test
    void aUsersWriteKeyCannotTakeOverTheTenantOwnerThroughAnyRoute() {
        start(Map.of());
        JsonNode owner = json(client.post("/v1/auth/signin", tenant(PK), credentials(OWNER, OWNER_PASSWORD)), 200)
                .get("user");
        assertThat(owner.get("role").asText()).isEqualTo("root");
        String ownerId = owner.get("id").asText();
        String ownerAccount = owner.get("accountId").asText();
        JsonNode created = newKey("takeover", "users:read", "users:write", "sessions:admin");
        Map<String, String> key = Map.of("Authorization", "Bearer " + created.get("secret").asText());

        assertThat(compat("GET", "/password/resetcode?e=" + OWNER, key, null).statusCode()).as("reset code")
                .isEqualTo(403);
        assertThat(compat("POST", "/password/send", key, "{\"email\":\"" + OWNER + "\"}").statusCode())
                .as("mailed reset code").isEqualTo(403);
        assertThat(compat("GET", "/sudogettoken/" + ownerAccount, key, null).statusCode()).as("sudo token")
                .isEqualTo(403);
        Map<String, String> nativeKey = Map.of("X-API-Key", created.get("secret").asText());
        assertThat(client.patch("/v1/admin/users/" + ownerId, nativeKey, "{\"status\":\"disabled\"}").statusCode())
                .as("disable").isEqualTo(403);
        assertThat(client.patch("/v1/admin/users/" + ownerId, nativeKey, "{\"role\":\"user\"}").statusCode())
                .as("role change").isEqualTo(403);
        assertThat(client.get("/v1/admin/users/" + ownerId + "/sessions", nativeKey).statusCode()).as("sessions")
                .isEqualTo(403);
        assertThat(client.delete("/v1/admin/users/" + ownerId + "/sessions", nativeKey).statusCode())
                .as("end sessions").isEqualTo(403);
        assertThat(client.delete("/v1/admin/users/" + ownerId, nativeKey).statusCode()).as("delete").isEqualTo(403);
        assertThat(json(client.get("/v1/admin/users/" + ownerId + "/sessions", nativeKey), 403).get("type").asText())
                .isEqualTo("urn:gatehouse:problem:not-permitted");

        assertThat(client.post("/v1/auth/signin", tenant(PK), credentials(OWNER, OWNER_PASSWORD)).statusCode())
                .as("the owner's password is unchanged").isEqualTo(200);
        // The root token keeps its reach over the owner: a sudo token and a reset code.
        Map<String, String> compatRoot = Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + DEV_ROOT);
        assertThat(compat("GET", "/sudogettoken/" + ownerAccount, compatRoot, null).statusCode()).isEqualTo(200);
        assertThat(compat("GET", "/password/resetcode?e=" + OWNER, compatRoot, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyStillServesOrdinaryUsersAndItsResetRequestsAreAuditedAsTheKeys() {
        start(Map.of());
        String email = CompatClient.uniqueEmail("ordinary");
        JsonNode user = json(client.post("/v1/auth/signup", tenant(PK), credentials(email, PASSWORD)), 201).get("user");
        JsonNode created = newKey("support", "users:write");
        Map<String, String> key = Map.of("Authorization", "Bearer " + created.get("secret").asText());

        assertThat(compat("GET", "/password/resetcode?e=" + email, key, null).statusCode()).isEqualTo(200);
        assertThat(compat("GET", "/sudogettoken/" + user.get("accountId").asText(), key, null).statusCode())
                .isEqualTo(200);

        JsonNode events = json(client.get("/v1/admin/audit-events?type=password_reset_requested&user="
                + user.get("id").asText(), root), 200).get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("actor").asText()).isEqualTo("key:" + created.get("id").asText());
    }

    @Test
    void aKeyRevokesOnlyKeysNoStrongerThanItself() {
        start(Map.of());
        JsonNode keyAdmin = newKey("key admin", "keys:admin", "users:read");
        JsonNode everything = newKey("everything", "users:read", "users:write", "sessions:admin", "tokens:introspect",
                "keys:admin", "settings:admin", "audit:read");
        JsonNode reader = newKey("reader", "users:read");
        Map<String, String> asKeyAdmin = Map.of("X-API-Key", keyAdmin.get("secret").asText());

        assertThat(client.delete("/v1/admin/api-keys/" + everything.get("id").asText(), asKeyAdmin).statusCode())
                .isEqualTo(403);
        assertThat(client.get("/v1/admin/settings", Map.of("X-API-Key", everything.get("secret").asText()))
                .statusCode()).as("the stronger key still works").isEqualTo(200);
        assertThat(client.delete("/v1/admin/api-keys/" + reader.get("id").asText(), asKeyAdmin).statusCode())
                .isEqualTo(204);
        assertThat(client.delete("/v1/admin/api-keys/" + everything.get("id").asText(), root).statusCode())
                .isEqualTo(204);
    }

    @Test
    void anAdminDemotedDisabledOrRemovedBehindTheirStillAcceptedTokenChangesNothing() throws SQLException {
        Map<String, String> env = Database.POSTGRESQL.serverEnvironment();
        start(env);
        JsonNode founder = json(client.post("/v1/auth/signup", tenant(PK),
                credentials(CompatClient.uniqueEmail("founder"), PASSWORD)), 201);
        Map<String, String> asFounder = bearer(PK, founder.get("accessToken").asText());
        String founderId = founder.get("user").get("id").asText();
        String demotedEmail = CompatClient.uniqueEmail("demoted");
        String disabledEmail = CompatClient.uniqueEmail("disabled");
        String removedEmail = CompatClient.uniqueEmail("removed");
        String demoted = addUser(asFounder, demotedEmail, "account_admin");
        String disabled = addUser(asFounder, disabledEmail, "account_admin");
        String removed = addUser(asFounder, removedEmail, "account_admin");
        String member = addUser(asFounder, CompatClient.uniqueEmail("member"), "user");
        String demotedToken = json(client.post("/v1/auth/signin", tenant(PK), credentials(demotedEmail, PASSWORD)),
                200).get("accessToken").asText();
        String disabledToken = json(client.post("/v1/auth/signin", tenant(PK), credentials(disabledEmail, PASSWORD)),
                200).get("accessToken").asText();
        String removedToken = json(client.post("/v1/auth/signin", tenant(PK), credentials(removedEmail, PASSWORD)),
                200).get("accessToken").asText();

        // Behind the server's back: no session is ended, so only the stored state can refuse these tokens.
        execute(env, "update app_user set role = 0 where id = ?", demoted);
        execute(env, "update app_user set status = 'DISABLED' where id = ?", disabled);
        execute(env, "delete from app_user where id = ?", removed);

        for (String token : new String[] {demotedToken, disabledToken, removedToken}) {
            Map<String, String> stale = bearer(PK, token);
            assertThat(client.get("/v1/account", stale).statusCode()).as("the token is still accepted").isEqualTo(200);
            assertThat(client.post("/v1/account/users", stale, "{\"email\":\"" + CompatClient.uniqueEmail("intruder")
                    + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"account_admin\"}").statusCode()).as("add")
                    .isEqualTo(403);
            assertThat(client.patch("/v1/account/users/" + member, stale, "{\"role\":\"account_admin\"}").statusCode())
                    .as("change role").isEqualTo(403);
            assertThat(client.delete("/v1/account/users/" + founderId, stale).statusCode()).as("remove")
                    .isEqualTo(403);
            assertThat(client.patch("/v1/account", stale, "{\"name\":\"Taken over\"}").statusCode()).as("rename")
                    .isEqualTo(403);
            Map<String, String> compatStale = Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + token);
            assertThat(compat("POST", "/account/users", compatStale, credentials(CompatClient.uniqueEmail("intruder"),
                    PASSWORD)).statusCode()).as("compat add").isEqualTo(403);
            assertThat(compat("DELETE", "/account/users/" + member, compatStale, null).statusCode())
                    .as("compat remove").isEqualTo(403);
        }
        JsonNode users = json(client.get("/v1/account/users", asFounder), 200).get("users");
        assertThat(users).as("founder, the demoted and the disabled admin, the member; the removed admin stays gone").hasSize(4);
        assertThat(users.findValuesAsText("role")).containsExactlyInAnyOrder("account_admin", "user", "account_admin",
                "user");
    }

    private String addUser(Map<String, String> as, String email, String role) {
        return json(client.post("/v1/account/users", as, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\"}"), 201).get("id").asText();
    }

    private JsonNode newKey(String name, String... scopes) {
        String list = String.join("\",\"", scopes);
        return json(client.post("/v1/admin/api-keys", root,
                "{\"type\":\"secret\",\"name\":\"" + name + "\",\"scopes\":[\"" + list + "\"]}"), 201);
    }

    private HttpResponse<String> compat(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return new CompatClient(server).send(request.build());
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static void execute(Map<String, String> env, String sql, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(env.get("GATEHOUSE_DATABASE_URL"),
                env.get("GATEHOUSE_DATABASE_USER"), null);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
