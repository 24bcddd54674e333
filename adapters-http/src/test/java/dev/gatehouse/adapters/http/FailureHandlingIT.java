package dev.gatehouse.adapters.http;

import dev.gatehouse.application.auth.port.in.AuthUseCases;
import dev.gatehouse.application.auth.port.in.ExternalTokenUseCase;
import dev.gatehouse.application.auth.port.in.LoginUseCase;
import dev.gatehouse.application.auth.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.Authenticated;
import dev.gatehouse.application.sessions.port.in.AuthenticateUseCase;
import dev.gatehouse.application.sessions.port.in.GetCurrentUserUseCase;
import dev.gatehouse.application.sessions.port.in.IntrospectUseCase;
import dev.gatehouse.application.sessions.port.in.ManageOwnSessionsUseCase;
import dev.gatehouse.application.sessions.port.in.RefreshUseCase;
import dev.gatehouse.application.sessions.port.in.RevocationFeedUseCase;
import dev.gatehouse.application.sessions.port.in.SessionsUseCases;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase;
import static dev.gatehouse.adapters.http.CompatApiIT.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.FakeWorld;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bugs and outages behind a route: a generic 500 that reveals nothing, logged with the request id. */
class FailureHandlingIT {
    private static final String SECRET = "secret detail at dev.gatehouse.Internal.method(Internal.java:42)";

    private TestServer server;

    @BeforeEach
    void start() {
        FakeWorld world = new FakeWorld();
        world.newTenant("pk_a");
        TestServices broken = TestServices.from(world.useCases);
        SessionsUseCases realSessions = broken.sessions;
        AuthUseCases realAuth = broken.auth;
        broken.auth = new AuthUseCases() {
            @Override
            public RegisterUserUseCase registerUser() {
                return new RegisterUserUseCase() {
                    @Override
                    public Authenticated register(Command command) {
                        throw new IllegalStateException(SECRET);
                    }

                    @Override
                    public SignUpOutcome signUp(Command command) {
                        throw new IllegalStateException(SECRET);
                    }
                };
            }

            @Override
            public LoginUseCase login() {
                return command -> {
                    throw new AssertionError(SECRET);
                };
            }

            @Override
            public ExternalTokenUseCase externalTokens() {
                return realAuth.externalTokens();
            }
        };
        broken.sessions = new SessionsUseCases() {
            @Override
            public AuthenticateUseCase authenticate() {
                return realSessions.authenticate();
            }

            @Override
            public GetCurrentUserUseCase currentUser() {
                return realSessions.currentUser();
            }

            @Override
            public RefreshUseCase refresh() {
                return command -> {
                    throw new IllegalStateException(SECRET);
                };
            }

            @Override
            public SignOutUseCase signOut() {
                return realSessions.signOut();
            }

            @Override
            public ManageOwnSessionsUseCase ownSessions() {
                return realSessions.ownSessions();
            }

            @Override
            public RevocationFeedUseCase revocationFeed() {
                return realSessions.revocationFeed();
            }

            @Override
            public IntrospectUseCase introspect() {
                return realSessions.introspect();
            }
        };
        broken.readiness = () -> {
            throw new IllegalStateException(SECRET);
        };
        server = TestServer.start(world, broken);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unexpectedExceptionOnACompatRouteIsAGeneric500InPlainText() {
        HttpResponse<String> response = server.postJson("/register", credentials("a@example.io", "correct horse"),
                "SB-PUBLIC-KEY", "pk_a", "X-Request-Id", "req-500");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ErrorShape::isPlainUtf8Text);
        assertThat(response.body()).startsWith("internal server error").endsWith("\n");
        assertRevealsNothing(response);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-500");
    }

    @Test
    void unexpectedExceptionOnAV1RouteIsAGeneric500Problem() {
        HttpResponse<String> response = server.postJson("/v1/auth/signup", credentials("a@example.io", "correct horse"),
                "SB-PUBLIC-KEY", "pk_a");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:gatehouse:problem:internal-error");
        assertRevealsNothing(response);
    }

    @Test
    void unexpectedExceptionOnTheRefreshRouteIsAGeneric500Problem() {
        HttpResponse<String> response = server.postJson("/v1/auth/refresh", "{\"refreshToken\":\"anything\"}",
                "SB-PUBLIC-KEY", "pk_a");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertRevealsNothing(response);
    }

    @Test
    void javaLangErrorIsAGeneric500Too() {
        HttpResponse<String> response = server.postJson("/login", credentials("a@example.io", "correct horse"),
                "SB-PUBLIC-KEY", "pk_a");
        assertThat(response.statusCode()).isEqualTo(500);
        assertRevealsNothing(response);
    }

    @Test
    void readinessCheckThatThrowsMeansNotReady() {
        HttpResponse<String> response = server.get("/health/ready");
        assertThat(response.statusCode()).isEqualTo(503);
        assertRevealsNothing(response);
    }

    @Test
    void requestsJettyRefusesBeforeRoutingGetAShortPlainTextAnswer() {
        for (String request : new String[] {
                "GET /bad\u0001path HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /me HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\nConnection: close\r\n\r\n",
                "NONSENSE\r\n\r\n",
                "GET /me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"}) {
            String answer = server.raw(request);
            assertThat(answer).as(request).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            assertThat(answer.toLowerCase()).contains("content-type: text/plain").doesNotContain("<html");
            assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void nonAsciiBytesInATenantHeaderAreJustAnUnknownTenant() {
        String answer = server.raw("GET /me HTTP/1.1\r\nHost: x\r\nSB-PUBLIC-KEY: pk_\u00e9\u00ff\u4e2d\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 401 ").endsWith("\r\n\r\nmissing or invalid public key\n");
    }

    private static void assertRevealsNothing(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("Error:")
                .doesNotContain("at dev.").doesNotContain("Internal.java");
    }
}
