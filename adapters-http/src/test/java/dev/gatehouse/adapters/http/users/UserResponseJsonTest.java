package dev.gatehouse.adapters.http.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** GET /v1/me writes its user by hand (JsonObjectWriter): it must stay what Jackson writes for the record. */
class UserResponseJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void handWrittenJsonIsWhatJacksonWritesIncludingEscapes() throws Exception {
        for (UserResponse user : new UserResponse[] {
                new UserResponse("u1", "a1", "grace@example.com", "user", "active", "2026-11-26T10:00:00Z", true,
                        null, null, "{}"),
                new UserResponse("u2", "a2", "q\"uote\\back\u0001\n\t\u2028é@x.io", "account_admin", "disabled",
                        "2026-11-26T10:00:00.123456Z", false, "Zoë \"Z\" \\ 𝒜", "https://cdn.example/a.png?x=\"1",
                        "{\"plan\":\"pro\",\"nested\":{\"a\":[1,2.5,null,\"\\u2028\"]}}"),
                new UserResponse("u3", "a3", "m@x.io", "user", "active", "2026-11-26T10:00:00Z", false, "M", null,
                        null)}) {
            assertThat(JSON.readTree(user.toJson())).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(user)));
        }
    }
}
