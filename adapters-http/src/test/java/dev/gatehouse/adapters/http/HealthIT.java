package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.fakes.FakeWorld;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthIT {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(new FakeWorld());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void livenessIsUpWithoutAnyTenant() {
        HttpResponse<String> response = server.get("/health/live");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void readinessFollowsTheDatabase() {
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        server.world.databaseHealthy = false;
        HttpResponse<String> down = server.get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"down\"}");
        assertThat(server.send(server.request("/health/ready").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(503);
        server.world.databaseHealthy = true;
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void devModeLogsRequestsWithoutChangingAnswers() {
        FakeWorld world = new FakeWorld();
        var app = TestServices.from(world.useCases).create(HttpConfig.defaults().withDevMode(true)).start("127.0.0.1", 0);
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + app.port() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"up\"}");
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            app.stop();
        }
    }

    @Test
    void configRefusesAbsurdBodyLimits() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpConfig.defaults().withMaxBodyBytes(10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HttpConfig.defaults().maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(HttpConfig.defaults().devMode()).isFalse();
    }

    @Test
    void wrongMethodOnHealthIs405NotAServerError() {
        assertThat(server.send(server.request("/health/live").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(405);
    }
}
