package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.adapters.crypto.ForeignHashes;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user lifecycle against the running jar on PostgreSQL in dev mode (docs/users.md, docs/migration.md): an
 * invitation read from the dev mailbox and accepted, then refused when reused or revoked; a profile edit seen at once;
 * an email change with both mails, a taken address answered alike, and its undo; a deletion checked row by row in the
 * database; exports without secrets; and an import of foreign password hashes whose users sign in and are rehashed.
 */
class UserLifecycleE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String ROOT = "safe-to-use-in-dev-root-token";
    private static final String APP = "http://localhost:3000/join";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(10);
    private static final Map<String, String> DB = Database.POSTGRESQL.serverEnvironment();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(DB);
    private static final NativeClient client = SERVER.client();

    @BeforeAll
    static void allowTheAppsLinks() {
        json(client.patch("/v1/admin/settings", root(), "{\"allowedRedirectUrls\":[\"" + APP + "\"]}"), 200);
    }

    @Test
    void anInvitationIsMailedAcceptedOnceAndARevokedOneIsRefused() throws Exception {
        Signed owner = signUp();
        String ann = unique("ann");
        JsonNode invitation = json(client.post("/v1/account/invitations", owner.headers(),
                body(Map.of("email", ann, "role", "account_admin", "redirectUrl", APP))), 201);
        String token = find("token=([^\\s\"&<]+)", awaitMail(ann, 1).get("text").asText());

        JsonNode accepted = json(client.post("/v1/invitations/accept", tenant(PK),
                body(Map.of("token", token, "password", PASSWORD))), 200);
        JsonNode me = json(client.get("/v1/me", bearer(PK, accepted.get("accessToken").asText())), 200);
        assertThat(me.get("email").asText()).isEqualTo(ann);
        assertThat(me.get("role").asText()).isEqualTo("account_admin");
        assertThat(me.get("accountId").asText()).isEqualTo(owner.accountId()).isEqualTo(
                invitation.get("accountId").asText());
        assertThat(me.get("emailVerified").asBoolean()).as("the mail proved the address").isTrue();
        assertThat(client.post("/v1/invitations/accept", tenant(PK), body(Map.of("token", token, "password",
                PASSWORD))).statusCode()).as("a link works once").isEqualTo(400);

        String bob = unique("bob");
        String bobsId = json(client.post("/v1/account/invitations", owner.headers(),
                body(Map.of("email", bob, "role", "user", "redirectUrl", APP))), 201).get("id").asText();
        String bobsToken = find("token=([^\\s\"&<]+)", awaitMail(bob, 1).get("text").asText());
        assertThat(client.delete("/v1/account/invitations/" + bobsId, owner.headers()).statusCode()).isEqualTo(204);
        assertThat(client.post("/v1/invitations/accept", tenant(PK), body(Map.of("token", bobsToken, "password",
                PASSWORD))).statusCode()).as("a revoked link").isEqualTo(400);
        assertThat(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", bob, "password", PASSWORD)))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aProfileEditIsSeenAtOnceAndControlCharactersAreRefused() {
        Signed ada = signUp();
        json(client.patch("/v1/me", ada.headers(), "{\"name\":\"Ada Lovelace\",\"metadata\":{\"plan\":\"pro\"}}"), 200);
        JsonNode me = json(client.get("/v1/me", ada.headers()), 200);
        assertThat(me.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(me.get("metadata").get("plan").asText()).isEqualTo("pro");
        assertThat(client.patch("/v1/me", ada.headers(), "{\"name\":\"Ada\\u202Eecalevol\"}").statusCode())
                .isEqualTo(400);
        assertThat(json(client.get("/v1/me", ada.headers()), 200).get("name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void anEmailChangeMailsBothAddressesATakenOneAnswersAlikeAndTheUndoEndsEverySession() throws Exception {
        Signed eve = signUp();
        Signed other = signUp();
        String fresh = unique("eve-new");
        HttpResponse<String> free = client.post("/v1/me/email", eve.headers(), body(Map.of("email", fresh)));
        HttpResponse<String> taken = client.post("/v1/me/email", eve.headers(), body(Map.of("email", other.email())));
        assertThat(taken.statusCode()).isEqualTo(free.statusCode()).isEqualTo(202);
        assertThat(taken.body()).isEqualTo(free.body());
        assertThat(awaitMail(other.email(), 1).get("text").asText()).as("the taken address gets a notice, no code")
                .doesNotContain("confirmation code");

        // The last start (to the taken address) replaced the first one: start again to the free address.
        json(client.post("/v1/me/email", eve.headers(), body(Map.of("email", fresh))), 202);
        String code = find("confirmation code: (\\S+)", awaitMail(fresh, 2).get("text").asText());
        JsonNode changed = json(client.post("/v1/me/email/confirm", eve.headers(), body(Map.of("code", code))), 200);
        assertThat(changed.get("email").asText()).isEqualTo(fresh);
        assertThat(changed.get("emailVerified").asBoolean()).isTrue();
        String revert = find("revertEmailChange=([^\\s\"&<]+)", latestWith(eve.email(), "revertEmailChange="));

        json(client.post("/v1/auth/email/revert", tenant(PK), body(Map.of("token", revert))), 200);
        assertThat(client.get("/v1/me", eve.headers()).statusCode()).as("every session ended").isEqualTo(401);
        assertThat(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", eve.email(), "password",
                PASSWORD))).statusCode()).as("the old address is back").isEqualTo(200);
        assertThat(client.post("/v1/auth/email/revert", tenant(PK), body(Map.of("token", revert))).statusCode())
                .as("an undo works once").isEqualTo(400);
    }

    @Test
    void aDeletionRemovesEverythingListedInTheDatabaseAndRefusesTheLastAdminAndTheRootUser() throws Exception {
        Signed admin = signUp();
        String member = unique("member");
        json(client.post("/v1/account/users", admin.headers(), body(Map.of("email", member, "password", PASSWORD))),
                201);
        assertThat(client.delete("/v1/me", admin.headers()).statusCode()).as("the last admin").isEqualTo(409);
        JsonNode root = json(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", "admin@dev.com",
                "password", "devpw1234"))), 200);
        assertThat(client.delete("/v1/me", bearer(PK, root.get("accessToken").asText())).statusCode())
                .as("the root user").isEqualTo(403);

        Signed dan = signUp();
        json(client.patch("/v1/me", dan.headers(), "{\"name\":\"Dan\"}"), 200);
        json(client.post("/v1/auth/password/forgot", tenant(PK), body(Map.of("email", dan.email()))), 202);
        awaitMail(dan.email(), 1);
        assertThat(count("select count(*) from one_time_code where email = ?", dan.email())).isPositive();
        assertThat(client.delete("/v1/me", dan.headers(), body(Map.of("password", PASSWORD))).statusCode())
                .isEqualTo(204);

        assertThat(client.get("/v1/me", dan.headers()).statusCode()).isEqualTo(401);
        assertThat(count("select count(*) from app_user where id = ?::uuid", dan.userId())).isZero();
        assertThat(count("select count(*) from account where id = ?::uuid", dan.accountId())).isZero();
        assertThat(count("select count(*) from one_time_code where email = ?", dan.email())).isZero();
        assertThat(count("select count(*) from mail_outbox where recipient = ?", dan.email())).isZero();
        assertThat(count("select count(*) from refresh_grant g join user_session s on s.id = g.session_id"
                + " where s.user_id = ?::uuid", dan.userId())).isZero();
        assertThat(count("select count(*) from user_session where user_id = ?::uuid and (revoked_at is null"
                + " or ip_address <> '' or user_agent <> '')", dan.userId())).isZero();
        assertThat(count("select count(*) from audit_event where details like ?",
                "%" + URLEncoder.encode(dan.email(), StandardCharsets.UTF_8) + "%")).isZero();
        assertThat(count("select count(*) from audit_event where subject = ? and event_type = 'USER_DELETED'",
                dan.userId())).isEqualTo(1);
    }

    @Test
    void exportsHoldNoSecretUnlessTheRootTokenAsksForTheHashes() {
        Signed fay = signUp();
        JsonNode own = json(client.get("/v1/me/export", fay.headers()), 200);
        assertThat(own.get("user").get("email").asText()).isEqualTo(fay.email());
        assertThat(own.toString()).doesNotContain("$2b$").doesNotContain(fay.access()).doesNotContain(PASSWORD);

        HttpResponse<String> plain = client.get("/v1/admin/users/export", root());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains(fay.email()).doesNotContain("passwordHash").doesNotContain("$2b$");
        HttpResponse<String> hashes = client.get("/v1/admin/users/export?includePasswordHashes=true", root());
        assertThat(hashes.body()).contains("\"passwordHash\":\"$2b$");
    }

    @Test
    void importedUsersSignInWithEveryAcceptedFormatAndAreRehashedInTheDatabase() throws Exception {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        ForeignHashes.KeycloakCredential keycloak = ForeignHashes.keycloak("pbkdf2-sha256", PASSWORD, salt, 27_500);
        Map<String, Object> formats = Map.of(
                "bcrypt", ForeignHashes.bcrypt(com.password4j.types.Bcrypt.A, 5, PASSWORD),
                "argon2id", ForeignHashes.argon2(com.password4j.types.Argon2.ID, PASSWORD),
                "django", ForeignHashes.django("sha256", PASSWORD, "pepperless", 260_000),
                "keycloak", Map.of("keycloak", Map.of("secretData", keycloak.secretData(),
                        "credentialData", keycloak.credentialData())));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        formats.forEach((name, hash) -> lines.add(line(name + "-" + run + "@import.example", hash)));
        lines.add("{\"email\":\"broken-" + run + "@import.example\",\"passwordHash\":\"md5$abc\"}");
        lines.add("not json");
        HttpResponse<String> imported = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        SERVER.process().uri("/v1/admin/users/import")).header("SB-PUBLIC-KEY", PK)
                .header("Authorization", "Bearer " + ROOT).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = json(imported, 200);
        assertThat(result.get("imported").asInt()).isEqualTo(4);
        assertThat(result.get("failed").asInt()).isEqualTo(2);

        for (String name : formats.keySet()) {
            String email = name + "-" + run + "@import.example";
            String before = storedHash(email);
            json(client.post("/v1/auth/signin", tenant(PK), body(Map.of("email", email, "password", PASSWORD))), 200);
            String after = storedHash(email);
            assertThat(after).as(name + " rehashed at the first sign-in").startsWith("$2b$04$").isNotEqualTo(before);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    record Signed(String email, String access, String userId, String accountId) {
        Map<String, String> headers() {
            return bearer(PK, access);
        }
    }

    private static Signed signUp() {
        String email = unique("user");
        JsonNode body = json(client.post("/v1/auth/signup", tenant(PK), body(Map.of("email", email, "password",
                PASSWORD))), 201);
        return new Signed(email, body.get("accessToken").asText(), body.get("user").get("id").asText(),
                body.get("user").get("accountId").asText());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@lifecycle.example";
    }

    private static Map<String, String> root() {
        return bearer(PK, ROOT);
    }

    private static String line(String email, Object hash) {
        ObjectNode line = JSON.createObjectNode().put("email", email).put("emailVerified", true);
        line.set("passwordHash", JSON.valueToTree(hash));
        return line.toString();
    }

    private static List<JsonNode> mailbox(String to) {
        JsonNode mails = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8),
                root()), 200);
        List<JsonNode> all = new ArrayList<>();
        mails.forEach(all::add);
        return all;
    }

    /** Waits for the {@code count}-th mail to {@code to} and answers the newest. */
    private static JsonNode awaitMail(String to, int count) throws InterruptedException {
        long end = System.nanoTime() + MAIL_DEADLINE.toNanos();
        List<JsonNode> mails = mailbox(to);
        while (mails.size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
            mails = mailbox(to);
        }
        assertThat(mails).as("mails to %s", to).hasSizeGreaterThanOrEqualTo(count);
        return mails.getFirst();
    }

    /** The text of the newest mail to {@code to} that holds {@code marker}, waiting for it. */
    private static String latestWith(String to, String marker) throws InterruptedException {
        long end = System.nanoTime() + MAIL_DEADLINE.toNanos();
        while (true) {
            for (JsonNode mail : mailbox(to)) {
                if (mail.get("text").asText().contains(marker)) {
                    return mail.get("text").asText();
                }
            }
            assertThat(System.nanoTime()).as("a mail to %s holding %s", to, marker).isLessThan(end);
            Thread.sleep(50);
        }
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String body(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(DB.get("GATEHOUSE_DATABASE_URL"), DB.get("GATEHOUSE_DATABASE_USER"), null);
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection c = database(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String storedHash(String email) throws SQLException {
        try (Connection c = database(); PreparedStatement statement = c.prepareStatement(
                "select password_hash from app_user where email = ?")) {
            statement.setString(1, email);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a user %s", email).isTrue();
                return rows.getString(1);
            }
        }
    }
}
