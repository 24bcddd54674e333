package dev.gatehouse.bootstrap.e2e;

import org.junit.jupiter.api.parallel.Isolated;
import static dev.gatehouse.bootstrap.e2e.NativeClient.bearer;
import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One address flooding a flow must not lock the rest of its tenant out (issue 11, item 3): requests refused by a
 * per-source or per-account limit never reach the tenant's budget ({@code tenantUnauthenticated}). The real jar,
 * rate limits on, loopback trusted as a proxy so that {@code X-Forwarded-For} stands for distinct clients. Each
 * test has its own tenant, whose budget is lowered below the flood's size but above what the per-source limit
 * lets through: before the fix the flood used the budget up and the other address got 429.
 */
@Isolated("measures time or load, or stops a server: runs alone")
class TenantBudgetFloodIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String FLOODER = "198.51.100.7";
    private static final String OTHER = "203.0.113.9";
    private static final Duration MAIL_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.rateLimitedBehindLoopbackProxy();
    private static final NativeClient client = SERVER.client();

    /** A tenant of its own (owner with {@link #PASSWORD}), its budget lowered to {@code budget} an hour. */
    private static OperatorTenant tenantWithBudget(int budget) {
        OperatorTenant tenant = SERVER.newTenant("Flood " + UUID.randomUUID(), CompatClient.uniqueEmail("owner"),
                PASSWORD);
        SERVER.patchSettings(tenant,
                "{\"rateLimits\":{\"tenantUnauthenticated\":{\"limit\":" + budget + ",\"windowSeconds\":3600}}}");
        return tenant;
    }

    private static Map<Integer, Integer> flood(int requests, java.util.function.IntFunction<HttpResponse<String>> one) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            statuses.merge(one.apply(i).statusCode(), 1, Integer::sum);
        }
        return statuses;
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String awaitCode(OperatorTenant tenant, String to) throws InterruptedException {
        Pattern code = Pattern.compile("reset code: (\\S+)");
        long end = System.nanoTime() + MAIL_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            JsonNode mails = json(client.get("/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8),
                    bearer(tenant.publicKey(), tenant.rootToken())), 200);
            if (!mails.isEmpty()) {
                Matcher m = code.matcher(mails.get(0).get("text").asText());
                assertThat(m.find()).as(mails.get(0).get("text").asText()).isTrue();
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + to + " within " + MAIL_DEADLINE);
    }

    @Test
    void failedSignInsFromOneAddressLeaveTheOwnersSignInFromAnotherAlone() {
        OperatorTenant tenant = tenantWithBudget(70);
        Map<Integer, Integer> flood = flood(90, i -> client.post("/v1/auth/signin", tenant.from(FLOODER),
                credentials(CompatClient.uniqueEmail("guess" + i), "wrong password " + i)));
        assertThat(flood.get(429)).as("the source's limit stops the flood, " + flood).isGreaterThanOrEqualTo(30);

        HttpResponse<String> owner = client.post("/v1/auth/signin", tenant.from(OTHER),
                credentials(tenant.ownerEmail(), PASSWORD));
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        HttpResponse<String> compat = client.post("/login", Map.of("SB-PUBLIC-KEY", tenant.publicKey(),
                "X-Forwarded-For", OTHER), credentials(tenant.ownerEmail(), PASSWORD));
        assertThat(compat.statusCode()).as(compat.body()).isEqualTo(200);
    }

    @Test
    void signUpsFromOneAddressLeaveSignUpFromAnotherAlone() {
        OperatorTenant tenant = tenantWithBudget(30);
        Map<Integer, Integer> flood = flood(40, i -> client.post("/v1/auth/signup", tenant.from(FLOODER),
                credentials(CompatClient.uniqueEmail("bulk" + i), PASSWORD)));
        assertThat(flood.get(201)).as(flood.toString()).isEqualTo(20);
        assertThat(flood.get(429)).as(flood.toString()).isEqualTo(20);

        HttpResponse<String> other = client.post("/v1/auth/signup", tenant.from(OTHER),
                credentials(CompatClient.uniqueEmail("newcomer"), PASSWORD));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    }

    @Test
    void recoveryRequestsFromOneAddressLeaveTheOwnersRequestFromAnotherAlone() throws Exception {
        OperatorTenant tenant = tenantWithBudget(30);
        Map<Integer, Integer> flood = flood(40, i -> client.post("/v1/auth/password/forgot", tenant.from(FLOODER),
                "{\"email\":\"" + CompatClient.uniqueEmail("bomb" + i) + "\"}"));
        assertThat(flood.get(202)).as(flood.toString()).isEqualTo(20);
        assertThat(flood.get(429)).as(flood.toString()).isEqualTo(20);

        HttpResponse<String> owner = client.post("/v1/auth/password/forgot", tenant.from(OTHER),
                "{\"email\":\"" + tenant.ownerEmail() + "\"}");
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(202);
        assertThat(awaitCode(tenant, tenant.ownerEmail())).isNotBlank();
    }

    @Test
    void codeChecksFromOneAddressLeaveTheOwnersCodeFromAnotherAlone() throws Exception {
        OperatorTenant tenant = tenantWithBudget(40);
        assertThat(client.post("/v1/auth/password/forgot", tenant.from(OTHER),
                "{\"email\":\"" + tenant.ownerEmail() + "\"}").statusCode()).isEqualTo(202);
        String code = awaitCode(tenant, tenant.ownerEmail());

        Map<Integer, Integer> flood = flood(50, i -> client.post("/v1/auth/password/reset", tenant.from(FLOODER),
                "{\"email\":\"" + CompatClient.uniqueEmail("victim" + i) + "\",\"code\":\"WRONG" + i
                        + "\",\"password\":\"" + PASSWORD + " new\"}"));
        assertThat(flood.get(400)).as(flood.toString()).isEqualTo(30);
        assertThat(flood.get(429)).as(flood.toString()).isEqualTo(20);

        HttpResponse<String> owner = client.post("/v1/auth/password/reset", tenant.from(OTHER),
                "{\"email\":\"" + tenant.ownerEmail() + "\",\"code\":\"" + code + "\",\"password\":\"" + PASSWORD
                        + " new\"}");
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(204);
    }
}
