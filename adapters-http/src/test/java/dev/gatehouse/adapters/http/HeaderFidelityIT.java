package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials reach the routes exactly as sent. Jetty caches header fields per connection and by default
 * matches the cached values ignoring case: without the case-sensitive setting, a token that differs from
 * one sent earlier on the same keep-alive connection only in case was handed over as the earlier, valid one.
 */
class HeaderFidelityIT {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(new dev.gatehouse.application.fakes.FakeWorld(),
                config -> config.withOperatorToken("op_8f2c1e6b0a9d4f7e3c5b"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCaseVariantOfATokenSentEarlierOnTheSameConnectionIsRefused() {
        ProvisionTenantUseCase.Provisioned tenant = new RootCalls(server).provision("owner@example.io");
        String pk = tenant.tenant().publicKey();
        Member ada = new AccountCalls(server).signUp(pk, "ada@example.io");
        // one client, one keep-alive connection: the good header first, then its case variant
        for (int round = 0; round < 3; round++) {
            assertThat(server.get("/v1/me", "SB-PUBLIC-KEY", pk, "Authorization", ada.bearer()).statusCode()).isEqualTo(200);
            assertThat(server.get("/v1/me", "SB-PUBLIC-KEY", pk, "Authorization", "Bearer " + swapCase(ada.token()))
                    .statusCode()).isEqualTo(401);
            assertThat(server.get("/v1/admin/api-keys", "SB-PUBLIC-KEY", pk, "Authorization",
                    "Bearer " + tenant.rootToken()).statusCode()).isEqualTo(200);
            assertThat(server.get("/v1/admin/api-keys", "SB-PUBLIC-KEY", pk, "Authorization",
                    "Bearer " + swapCase(tenant.rootToken())).statusCode()).isEqualTo(401);
            assertThat(server.get("/v1/tenants", "Authorization", "Bearer op_8f2c1e6b0a9d4f7e3c5b").statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/v1/tenants", "Authorization", "Bearer OP_8F2C1E6B0A9D4F7E3C5B").statusCode())
                    .isEqualTo(401);
        }
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> swapped.appendCodePoint(
                Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
        return swapped.toString();
    }
}
