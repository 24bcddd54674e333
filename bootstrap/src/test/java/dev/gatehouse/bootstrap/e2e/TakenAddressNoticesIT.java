package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notices to the owner of a taken address and additions of users to accounts, on the real jar with rate limits on
 * and loopback trusted as a proxy ({@code X-Forwarded-For} stands for clients): under
 * {@code signupEnumerationProtection} at most 5 notices an hour reach one address, whatever triggers them (issue 11,
 * item 6), and the answer never changes; the native account route answers a taken and a free address alike while
 * the compat route keeps its 409; additions are limited per acting user and per tenant (issue 18, item 7).
 * Each test has its own tenant, made through the operator API.
 */
class TakenAddressNoticesIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String OTHER_PASSWORD = "another long password";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.rateLimitedBehindLoopbackProxy();
    private static final NativeClient client = SERVER.client();

    /** A tenant whose owner (role root, own account) has {@link #PASSWORD}; the owner's address is "taken". */
    private static OperatorTenant newTenant() {
        return SERVER.newTenant("Notices " + UUID.randomUUID(), CompatClient.uniqueEmail("taken"), PASSWORD);
    }

    private static void patchSettings(OperatorTenant tenant, String patch) {
        SERVER.patchSettings(tenant, patch);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** Signs up an account owner (an account admin) and answers their native access token. */
    private static String accountAdmin(OperatorTenant tenant, String email, String from) {
        return json(client.post("/v1/auth/signup", tenant.from(from), credentials(email, PASSWORD)), 201)
                .get("accessToken").asText();
    }

    /** The notices mailed to {@code to}: mails that tell the owner the address already has an account. */
    private static List<JsonNode> notices(OperatorTenant tenant, String to) {
        JsonNode mails = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8),
                tenant.root()), 200);
        List<JsonNode> found = new ArrayList<>();
        mails.forEach(mail -> {
            if (mail.get("text").asText().contains("already have an account")) {
                found.add(mail);
            }
        });
        return found;
    }

    /** Headers as a caller sees them, without those that differ on every request. */
    private static Map<String, List<String>> stableHeaders(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("date") || name.equalsIgnoreCase("x-request-id"));
        return new HashMap<>(headers);
    }

    @Test
    void signUpNoticesToATakenAddressStopAtFiveAnHourAndTheAnswerNeverChanges() {
        OperatorTenant tenant = newTenant();
        patchSettings(tenant, "{\"signupEnumerationProtection\":true}");
        HttpResponse<String> free = client.post("/v1/auth/signup", tenant.from("192.0.2.1"),
                credentials(CompatClient.uniqueEmail("fresh"), OTHER_PASSWORD));
        assertThat(free.statusCode()).as(free.body()).isEqualTo(202);

        for (int i = 1; i <= 8; i++) {
            HttpResponse<String> taken = client.post("/v1/auth/signup", tenant.from("192.0.2." + (10 + i)),
                    credentials(tenant.ownerEmail(), OTHER_PASSWORD));
            assertThat(taken.statusCode()).as("sign-up %d: %s", i, taken.body()).isEqualTo(202);
            assertThat(taken.body()).as("sign-up %d", i).isEqualTo(free.body());
            assertThat(stableHeaders(taken)).as("sign-up %d", i).isEqualTo(stableHeaders(free));
        }
        assertThat(notices(tenant, tenant.ownerEmail())).as("notices to the taken address").hasSize(5);
        assertOwnerUntouched(tenant);
    }

    /** With the protection off again (under it, signing in needs a verified address): the owner's password works. */
    private static void assertOwnerUntouched(OperatorTenant tenant) {
        patchSettings(tenant, "{\"signupEnumerationProtection\":false}");
        assertThat(client.post("/v1/auth/signin", tenant.from("192.0.2.9"), credentials(tenant.ownerEmail(), PASSWORD))
                .statusCode()).as("the owner's password").isEqualTo(200);
        assertThat(client.post("/v1/auth/signin", tenant.from("192.0.2.9"),
                credentials(tenant.ownerEmail(), OTHER_PASSWORD)).statusCode()).as("the caller's password").isEqualTo(401);
    }

    /** The code of the newest mail to {@code to} that carries one. */
    private static String verificationCode(OperatorTenant tenant, String to) {
        JsonNode mails = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8),
                tenant.root()), 200);
        for (JsonNode mail : mails) {
            Matcher m = Pattern.compile("code: (\\S+)").matcher(mail.get("text").asText());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no code mailed to " + to + ": " + mails);
    }

    @Test
    void underProtectionTheNativeRouteAnswersATakenAndAFreeAddressAlikeAndTheCompatRouteKeepsItsConflict() {
        OperatorTenant tenant = newTenant();
        String admin = CompatClient.uniqueEmail("admin");
        String token = accountAdmin(tenant, admin, "192.0.2.50");
        String compatToken = json(client.post("/login", tenant.compatFrom("192.0.2.52"), credentials(admin, PASSWORD)),
                200).asText();
        patchSettings(tenant, "{\"signupEnumerationProtection\":true}");
        String fresh = CompatClient.uniqueEmail("fresh"); // as long as the owner's "taken-..." address

        HttpResponse<String> forTaken = client.post("/v1/account/users", tenant.signedIn(token, "192.0.2.50"),
                credentials(tenant.ownerEmail(), OTHER_PASSWORD));
        HttpResponse<String> forFree = client.post("/v1/account/users", tenant.signedIn(token, "192.0.2.50"),
                credentials(fresh, OTHER_PASSWORD));
        assertThat(forTaken.statusCode()).as(forTaken.body()).isEqualTo(202);
        assertThat(forFree.statusCode()).as(forFree.body()).isEqualTo(202);
        assertThat(forTaken.body()).isEqualTo("{\"accepted\":true,\"email\":\"" + tenant.ownerEmail()
                + "\",\"role\":\"user\"}");
        assertThat(forFree.body()).isEqualTo("{\"accepted\":true,\"email\":\"" + fresh + "\",\"role\":\"user\"}");
        assertThat(stableHeaders(forTaken)).isEqualTo(stableHeaders(forFree));

        json(client.post("/v1/auth/email/verify", tenant.from("192.0.2.51"),
                "{\"code\":\"" + verificationCode(tenant, fresh) + "\"}"), 200);
        assertThat(client.post("/v1/auth/signin", tenant.from("192.0.2.51"), credentials(fresh, OTHER_PASSWORD))
                .statusCode()).as("the free address was added, and its owner sent a verification code").isEqualTo(200);
        List<JsonNode> notices = notices(tenant, tenant.ownerEmail());
        assertThat(notices).hasSize(1);
        assertThat(notices.getFirst().get("text").asText()).contains("tried to add " + tenant.ownerEmail());

        HttpResponse<String> compat = client.post("/account/users", Map.of("SB-PUBLIC-KEY", tenant.publicKey(),
                "Authorization", "Bearer " + compatToken), credentials(tenant.ownerEmail(), OTHER_PASSWORD));
        assertThat(compat.statusCode()).as("the documented StaticBackend answer").isEqualTo(409);
        assertThat(compat.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");

        // Sign-ups and additions share the address's 5 notices an hour; over them the answers stay the same.
        for (int i = 0; i < 2; i++) {
            assertThat(client.post("/v1/auth/signup", tenant.from("192.0.2." + (60 + i)),
                    credentials(tenant.ownerEmail(), OTHER_PASSWORD)).statusCode()).isEqualTo(202);
        }
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> again = client.post("/v1/account/users", tenant.signedIn(token, "192.0.2.50"),
                    credentials(tenant.ownerEmail(), OTHER_PASSWORD));
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).isEqualTo(forTaken.body());
        }
        assertThat(notices(tenant, tenant.ownerEmail())).as("1 + 2 + 2, then none").hasSize(5);
        assertOwnerUntouched(tenant);
    }

    @Test
    void withoutProtectionTheNativeRouteKeeps201And409() {
        OperatorTenant tenant = newTenant();
        String token = accountAdmin(tenant, CompatClient.uniqueEmail("admin"), "192.0.2.70");
        assertThat(client.post("/v1/account/users", tenant.signedIn(token, "192.0.2.70"),
                credentials(CompatClient.uniqueEmail("fresh"), OTHER_PASSWORD)).statusCode()).isEqualTo(201);
        HttpResponse<String> taken = client.post("/v1/account/users", tenant.signedIn(token, "192.0.2.70"),
                credentials(tenant.ownerEmail(), OTHER_PASSWORD));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(notices(tenant, tenant.ownerEmail())).isEmpty();
    }

    @Test
    void additionsStopAtThirtyAnHourPerActingUserAndAtTheTenantsLimit() {
        OperatorTenant tenant = newTenant();
        String a = CompatClient.uniqueEmail("admin-a");
        String tokenA = accountAdmin(tenant, a, "192.0.2.80");
        String tokenB = accountAdmin(tenant, CompatClient.uniqueEmail("admin-b"), "192.0.2.81");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> added = client.post("/v1/account/users", tenant.signedIn(tokenA, "192.0.2.80"),
                    credentials(CompatClient.uniqueEmail("member" + i), OTHER_PASSWORD));
            assertThat(added.statusCode()).as("addition %d: %s", i + 1, added.body()).isEqualTo(201);
        }
        HttpResponse<String> limited = client.post("/v1/account/users", tenant.signedIn(tokenA, "192.0.2.80"),
                credentials(CompatClient.uniqueEmail("member"), OTHER_PASSWORD));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                value -> assertThat(Long.parseLong(value)).isPositive());
        String compatToken = client.post("/login", tenant.compatFrom("192.0.2.80"), credentials(a, PASSWORD))
                .body().replace("\"", "");
        HttpResponse<String> compat = client.post("/account/users", Map.of("SB-PUBLIC-KEY", tenant.publicKey(),
                "Authorization", "Bearer " + compatToken), credentials(CompatClient.uniqueEmail("member"), OTHER_PASSWORD));
        assertThat(compat.statusCode()).as("the compat route counts for the same actor").isEqualTo(429);
        assertThat(compat.body()).isEqualTo("too many requests: try again later\n");

        assertThat(client.post("/v1/account/users", tenant.signedIn(tokenB, "192.0.2.81"),
                credentials(CompatClient.uniqueEmail("member"), OTHER_PASSWORD)).statusCode())
                .as("another acting user").isEqualTo(201);
        // 31 additions so far count for the tenant (the refused ones do not): a limit of 32 lets one more through.
        patchSettings(tenant, "{\"rateLimits\":{\"userAdditionsPerTenant\":{\"limit\":32,\"windowSeconds\":3600}}}");
        assertThat(client.post("/v1/account/users", tenant.signedIn(tokenB, "192.0.2.81"),
                credentials(CompatClient.uniqueEmail("member"), OTHER_PASSWORD)).statusCode()).isEqualTo(201);
        assertThat(client.post("/v1/account/users", tenant.signedIn(tokenB, "192.0.2.81"),
                credentials(CompatClient.uniqueEmail("member"), OTHER_PASSWORD)).statusCode())
                .as("the tenant's limit").isEqualTo(429);
    }
}
