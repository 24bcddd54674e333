package dev.gatehouse.adapters.http;

import static dev.gatehouse.adapters.http.RootCalls.rootToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.adapters.http.AccountCalls.Member;
import dev.gatehouse.adapters.http.RootCalls.Credential;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tricks played with the bytes of a request rather than with its meaning, each over a raw socket so the
 * request is sent exactly as written: method-override headers, and requests Jetty refuses before routing.
 */
class WireTricksIT {
    private TestServer server;
    private RootCalls calls;
    private String publicKey;
    private String rootToken;
    private Member member;

    @BeforeEach
    void start() {
        server = TestServer.start();
        calls = new RootCalls(server);
        ProvisionTenantUseCase.Provisioned tenant = calls.provision("owner@example.io");
        publicKey = tenant.tenant().publicKey();
        rootToken = tenant.rootToken();
        AccountCalls accounts = new AccountCalls(server);
        // a plain member, whom the DELETE route would remove (an account's last admin it would refuse)
        member = accounts.addAndSignIn(accounts.signUp(publicKey, "admin@example.io"), "member@example.io", null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMethodOverrideHeaderNeverTurnsAReadOrAPostIntoADelete() {
        String path = "/v1/admin/users/" + member.userId();
        for (String header : List.of("X-HTTP-Method-Override", "x-http-method-override", "X-HTTP-Method",
                "X-Method-Override")) {
            String read = server.raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nSB-PUBLIC-KEY: " + publicKey
                    + "\r\nAuthorization: Bearer " + rootToken + "\r\n" + header + ": DELETE\r\nConnection: close\r\n\r\n");
            assertThat(read).as(header).startsWith("HTTP/1.1 200 ").contains("\"email\":\"member@example.io\"");
            String post = server.raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nSB-PUBLIC-KEY: " + publicKey
                    + "\r\nAuthorization: Bearer " + rootToken + "\r\n" + header + ": DELETE\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n");
            // no POST route at that path: 405 naming the real methods, not the DELETE route's 204
            assertThat(post).as(header).startsWith("HTTP/1.1 405 ");
            assertThat(post.toLowerCase(Locale.ROOT)).as(header).containsPattern("allow: [^\\r]*delete");
        }
        Credential root = rootToken(publicKey, rootToken);
        assertThat(calls.send(root, "GET", path, null).statusCode()).as("the user still exists").isEqualTo(200);
        assertThat(server.postJson("/v1/auth/signin",
                "{\"email\":\"member@example.io\",\"password\":\"" + AccountCalls.PASSWORD + "\"}",
                AccountCalls.PK, publicKey).statusCode()).isEqualTo(200);
    }

    @Test
    void requestsRefusedBeforeRoutingCarryEveryProtectiveHeader() {
        for (String request : List.of(
                "GET /v1/me%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /me%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "GET /bad\u0001path HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/%2e%2e/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/me%2f..%2f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/me;x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/me%5c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "NONSENSE\r\n\r\n")) {
            String answer = server.raw(request);
            String where = request.length() > 80 ? request.substring(0, 80) : request;
            assertThat(answer).as(where).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
            assertThat(head).as(where)
                    .contains("\r\ncache-control: no-store\r\n")
                    .contains("\r\nx-content-type-options: nosniff\r\n")
                    .contains("\r\nreferrer-policy: no-referrer\r\n")
                    .contains("\r\ncontent-security-policy: default-src 'none'; frame-ancestors 'none'\r\n")
                    .containsPattern("\r\nx-request-id: [0-9a-z._:-]{1,64}\r\n");
        }
    }
}
