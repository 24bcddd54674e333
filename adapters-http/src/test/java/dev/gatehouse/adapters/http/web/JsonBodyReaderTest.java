package dev.gatehouse.adapters.http.web;

import dev.gatehouse.adapters.http.HttpConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.domain.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyReaderTest {
    private static final Set<String> WANTED = Set.of("email", "password");
    private final JsonBodyReader reader = new JsonBodyReader(HttpConfig.DEFAULT_MAX_BODY_BYTES);

    @Test
    void keepsWantedStringFieldsAndSkipsEverythingElse() {
        JsonFields fields = parse("{\"accountId\":{\"deep\":[1,{\"x\":null}]},\"email\":\"a@b.io\",\"password\":\"pw\",\"n\":1}");
        assertThat(fields.string("email")).isEqualTo("a@b.io");
        assertThat(fields.string("password")).isEqualTo("pw");
    }

    @Test
    void absentAndNullFieldsReadAsNullSoTheValueObjectCanSayTheyAreRequired() {
        JsonFields fields = parse("{\"email\":null}");
        assertThat(fields.string("email")).isNull();
        assertThat(fields.string("password")).isNull();
    }

    @Test
    void wrongTypeIsInvalidInputNamingFieldAndType() {
        assertThatThrownBy(() -> parse("{\"email\":{\"a\":1}}").string("email"))
                .isInstanceOf(InvalidInput.class).hasMessage("email: must be a JSON string, not an object");
        assertThatThrownBy(() -> parse("{\"password\":true}").string("password"))
                .isInstanceOf(InvalidInput.class).hasMessage("password: must be a JSON string, not a boolean");
    }

    @Test
    void wantedArraysOfStringsAreKeptAndAnythingElseInThemIsInvalidInputNever500() {
        Set<String> wanted = Set.of("scopes", "email");
        JsonFields fields = reader.parse("{\"scopes\":[\"a\",\"b\"],\"email\":[\"x\"],\"n\":[1,[2]]}"
                .getBytes(StandardCharsets.UTF_8), wanted);
        assertThat(fields.strings("scopes")).containsExactly("a", "b");
        assertThat(fields.strings("absent")).isNull();
        assertThatThrownBy(() -> fields.string("email")).isInstanceOf(InvalidInput.class)
                .hasMessage("email: must be a JSON string, not an array");
        JsonFields odd = reader.parse("{\"scopes\":[\"a\",{\"b\":[1]},2],\"email\":\"e\"}"
                .getBytes(StandardCharsets.UTF_8), wanted);
        assertThatThrownBy(() -> odd.strings("scopes")).isInstanceOf(InvalidInput.class)
                .hasMessage("scopes: must hold only strings, not an object");
        assertThatThrownBy(() -> odd.strings("email")).isInstanceOf(InvalidInput.class)
                .hasMessage("email: must be a JSON array of strings, not a string");
        assertThatThrownBy(() -> reader.parse("{\"scopes\":[\"\\ud800\"]}".getBytes(StandardCharsets.UTF_8), wanted)
                .strings("scopes")).isInstanceOf(InvalidInput.class);
        assertThat(reader.parse("{\"scopes\":[]}".getBytes(StandardCharsets.UTF_8), wanted).strings("scopes")).isEmpty();
        assertThatThrownBy(() -> reader.parse("{\"scopes\":[\"a\",]}".getBytes(StandardCharsets.UTF_8), wanted))
                .isInstanceOf(RequestRejected.class);
    }

    @Test
    void wantedFieldGivenTwiceIsRefusedButUnknownDuplicatesAreIgnored() {
        assertRejected("{\"email\":\"a@b.io\",\"email\":\"c@d.io\"}", 400, "the field \"email\" appears more than once");
        assertThat(parse("{\"x\":1,\"x\":2,\"email\":\"a@b.io\"}").string("email")).isEqualTo("a@b.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":", "{\"email\" \"x\"}", "{'email':'x'}", "{\"a\":NaN}", "{\"a\":01}", "{a:1}",
            "{\"a\":1,}", "/* */ {}", "{\"a\":\"\u0001\"}", "{} x"})
    void malformedJsonIsRefusedWithItsPosition(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(RequestRejected.class)
                .hasMessageStartingWith("the request body is not valid JSON");
    }

    @Test
    void refusesEmptyNonObjectTrailingAndTooDeepBodies() {
        assertRejected("", 400, "the request body is empty: expected a JSON object");
        assertRejected("  \n", 400, "the request body is empty: expected a JSON object");
        assertRejected("[]", 400, "the request body must be a JSON object, not an array");
        assertRejected("\"x\"", 400, "the request body must be a JSON object, not a string");
        assertRejected("{} {}", 400, "the request body has content after the JSON object");
        assertRejected("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", 400,
                "the request body is nested too deeply or holds too long a value");
    }

    @Test
    void invalidUtf8IsRefusedEvenInsideAFieldThatWouldBeSkipped() {
        byte[] skipped = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> reader.parse(skipped, WANTED)).isInstanceOf(RequestRejected.class)
                .hasMessage("the request body is not valid UTF-8");
        byte[] utf16 = "{\"email\":\"a@b.io\"}".getBytes(StandardCharsets.UTF_16);
        assertThatThrownBy(() -> reader.parse(utf16, WANTED)).isInstanceOf(RequestRejected.class);
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        assertThat(parse("\uFEFF{\"email\":\"a@b.io\"}").string("email")).isEqualTo("a@b.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", "application/json; boundary=x"})
    void acceptsJsonMediaTypeWithOptionalUtf8Charset(String contentType) {
        JsonBodyReader.requireJsonMediaType(contentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "text/plain", "application/jsonp", "application/problem+json", "json",
            "application/json; charset=latin1", "application/json; charset", "application/json;charset=utf-16"})
    void refusesOtherMediaTypesWith415(String contentType) {
        assertThatThrownBy(() -> JsonBodyReader.requireJsonMediaType(contentType)).isInstanceOf(RequestRejected.class)
                .satisfies(e -> assertThat(((RequestRejected) e).problem().status()).isEqualTo(415));
    }

    private JsonFields parse(String body) {
        return reader.parse(body.getBytes(StandardCharsets.UTF_8), WANTED);
    }

    private void assertRejected(String body, int status, String detail) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(RequestRejected.class)
                .satisfies(e -> {
                    assertThat(((RequestRejected) e).problem().status()).isEqualTo(status);
                    assertThat(((RequestRejected) e).problem().detail()).isEqualTo(detail);
                });
    }
}
