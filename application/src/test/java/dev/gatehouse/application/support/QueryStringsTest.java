package dev.gatehouse.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringsTest {
    private static final Map<String, String> PARAMETERS = new LinkedHashMap<>();

    static {
        PARAMETERS.put("code", "a b&c=d");
        PARAMETERS.put("state", "é/?");
    }

    @Test
    void addsAQueryOrExtendsTheOneThereInOrderAndEncoded() {
        assertThat(QueryStrings.withQuery("https://app.example/done", PARAMETERS))
                .isEqualTo("https://app.example/done?code=a+b%26c%3Dd&state=%C3%A9%2F%3F");
        assertThat(QueryStrings.withQuery("https://app.example/done?tab=1", PARAMETERS))
                .startsWith("https://app.example/done?tab=1&code=");
        assertThat(QueryStrings.withQuery("https://app.example/done?", PARAMETERS))
                .startsWith("https://app.example/done?code=");
        assertThat(QueryStrings.withQuery("https://app.example/done?tab=1&", PARAMETERS))
                .startsWith("https://app.example/done?tab=1&code=");
        assertThat(QueryStrings.withQuery("https://app.example/done", Map.of())).isEqualTo("https://app.example/done");
    }
}
