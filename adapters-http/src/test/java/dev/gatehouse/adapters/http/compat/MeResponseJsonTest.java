package dev.gatehouse.adapters.http.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** GET /me writes its user by hand (JsonObjectWriter): it must stay what Jackson writes for the record. */
class MeResponseJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void handWrittenJsonIsWhatJacksonWritesIncludingEscapes() throws Exception {
        for (MeResponse me : new MeResponse[] {
                new MeResponse("u1", "u1", "a1", "grace@example.com", 100),
                new MeResponse("u2", "u2", "a2", "q\"uote\\back\u001f\r\b\f@x.io", 0)}) {
            assertThat(JSON.readTree(me.toJson())).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(me)));
        }
    }
}
