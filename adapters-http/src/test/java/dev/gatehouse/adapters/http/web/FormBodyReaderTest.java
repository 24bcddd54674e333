package dev.gatehouse.adapters.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.http.problem.RequestRejected;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyReaderTest {
    private static final Set<String> WANTED = Set.of("token");

    @Test
    void decodesPlusAndPercentEscapesAsUtf8AndKeepsOnlyWantedFields() {
        assertThat(parse("token=a+b%2Bc%C3%A9&token_type_hint=access_token&x")).isEqualTo(Map.of("token", "a b+cé"));
        assertThat(parse("&&token=&")).isEqualTo(Map.of("token", ""));
        assertThat(parse("token")).isEqualTo(Map.of("token", ""));
        assertThat(parse("")).isEmpty();
        assertThat(parse("tok=x&%74oken=y")).isEqualTo(Map.of("token", "y"));
        assertThat(parse("token=a=b")).isEqualTo(Map.of("token", "a=b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=%", "token=%4", "token=%zz", "token=%C3%28", "token=%E2%82", "token=a&token=b",
            "%ZZ=1&token=x"})
    void malformedEscapesInvalidUtf8AndRepeatedFieldsAre400(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(RequestRejected.class)
                .satisfies(e -> assertThat(((RequestRejected) e).problem().status()).isEqualTo(400));
    }

    private static Map<String, String> parse(String body) {
        return FormBodyReader.parse(body.getBytes(StandardCharsets.UTF_8), WANTED);
    }
}
