package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract every HTTP test applies finds what it is meant to find: it can fail. */
class OpenApiContractTest {
    private static final String USER = "{\"id\":\"0b7e4a52-6f1d-4c8e-9a3b-2d5f6e7a8b9c\",\"accountId\":"
            + "\"5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\",\"email\":\"ada@example.com\",\"role\":\"account_admin\","
            + "\"status\":\"active\",\"created\":\"2026-01-15T09:30:00Z\",\"emailVerified\":false}";
    private static final String PROBLEM = "{\"type\":\"urn:gatehouse:problem:unauthenticated\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"missing or invalid token\"}";

    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(contract.problems("GET", "/v1/me", 200, "application/json", USER)).isEmpty();
        assertThat(contract.problems("GET", "/v1/me", 401, "application/problem+json", PROBLEM)).isEmpty();
        assertThat(contract.problems("DELETE", "/v1/me/sessions/0b7e4a52-6f1d-4c8e-9a3b-2d5f6e7a8b9c", 204, null, ""))
                .isEmpty();
    }

    @Test
    void anUndocumentedFieldFails() {
        String leaky = USER.replace("}", ",\"passwordHash\":\"$2a$10$x\"}");
        assertThat(contract.problems("GET", "/v1/me", 200, "application/json", leaky))
                .anyMatch(problem -> problem.contains("passwordHash"));
    }

    @Test
    void aWrongTypeOrAMissingRequiredFieldFails() {
        assertThat(contract.problems("GET", "/v1/me", 200, "application/json", USER.replace("\"active\"", "\"gone\"")))
                .isNotEmpty();
        assertThat(contract.problems("GET", "/v1/me", 401, "application/problem+json",
                PROBLEM.replace("\"title\":\"Unauthorized\",", ""))).isNotEmpty();
    }

    @Test
    void anUndocumentedStatusOrContentTypeFails() {
        assertThat(contract.problems("GET", "/v1/me", 418, "application/json", "{}"))
                .anyMatch(problem -> problem.contains("status 418 is not documented"));
        assertThat(contract.problems("GET", "/v1/me", 401, "text/plain", "unauthorized\n"))
                .anyMatch(problem -> problem.contains("Content-Type text/plain"));
        assertThat(contract.problems("POST", "/login", 401, "application/problem+json", PROBLEM)).isNotEmpty();
    }

    @Test
    void unknownRoutesAndRefusalsBeforeRoutingAreNotTheDocumentsToAnswerFor() {
        assertThat(contract.problems("GET", "/no/such/path", 404, "text/plain", "not found\n")).isEmpty();
        assertThat(contract.problems("OPTIONS", "/v1/me", 204, null, "")).isEmpty();
        assertThat(contract.problems("GET", "/v1/admin/users/%00", 400, "text/plain", "bad request\n")).isEmpty();
    }

    @Test
    void aDatabaseOutageMayAnswerAnyRouteButOnlyInItsDocumentedShape() {
        String unavailable = "{\"type\":\"urn:gatehouse:problem:unavailable\",\"title\":\"Service unavailable\","
                + "\"status\":503,\"detail\":\"the server cannot reach its database right now\"}";
        assertThat(contract.problems("GET", "/v1/me", 503, "application/problem+json", unavailable)).isEmpty();
        assertThat(contract.problems("GET", "/me", 503, "text/plain", "the server cannot reach its database\n")).isEmpty();
        assertThat(contract.problems("GET", "/v1/me", 503, "application/problem+json",
                unavailable.replace(":unavailable", ":overloaded"))).anyMatch(problem -> problem.contains("unavailable"));
        assertThat(contract.problems("GET", "/v1/me", 503, "text/plain", "down\n"))
                .anyMatch(problem -> problem.contains("Content-Type text/plain"));
        assertThat(contract.problems("GET", "/me", 503, "application/problem+json", unavailable)).isNotEmpty();
        assertThat(contract.problems("GET", "/v1/me", 503, "text/plain",
                "service unavailable: the server is starting or stopping; try again\n")).as("a stopping server").isEmpty();
    }
}
