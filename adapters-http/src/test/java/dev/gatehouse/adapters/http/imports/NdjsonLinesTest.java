package dev.gatehouse.adapters.http.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.HashInput;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Line;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Row;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Unreadable;
import dev.gatehouse.domain.role.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an import body is cut into lines and each line read (the values' own rules are the application's). */
class NdjsonLinesTest {

    @Test
    void readsEveryFieldAndBothFormsOfAKeycloakCredential() {
        String secret = "{\"value\":\"a2V5\",\"salt\":\"c2FsdA==\",\"additionalParameters\":{}}";
        String credential = "{\"hashIterations\":27500,\"algorithm\":\"pbkdf2-sha256\",\"additionalParameters\":{}}";
        List<Line> lines = read("""
                {"email":"a@x.io","passwordHash":"$2b$04$abc","emailVerified":true,"name":"Ada","metadata":{"k":[1,{"n":null}]},"accountId":"0b6c2f0e-4f4a-4c56-9a53-55a7d7a1c0de","role":"account_admin"}
                {"email":"b@x.io","passwordHash":{"keycloak":{"secretData":%s,"credentialData":%s}}}
                {"email":"c@x.io","passwordHash":{"keycloak":{"secretData":%s,"credentialData":%s}},"name":null,"role":null}
                """.formatted(quote(secret), quote(credential), secret, credential));

        assertThat(lines).hasSize(3);
        Row first = (Row) lines.get(0);
        assertThat(first).isEqualTo(new Row(1, "a@x.io", first.passwordHash(), true, "Ada", "{\"k\":[1,{\"n\":null}]}",
                "0b6c2f0e-4f4a-4c56-9a53-55a7d7a1c0de", Role.ACCOUNT_ADMIN));
        assertThat(((HashInput.Encoded) first.passwordHash()).value()).isEqualTo("$2b$04$abc");
        HashInput.Keycloak expected = new HashInput.Keycloak("pbkdf2-sha256", 27_500, "c2FsdA==", "a2V5");
        assertThat(((Row) lines.get(1)).passwordHash()).isEqualTo(expected);
        assertThat(((Row) lines.get(2)).passwordHash()).isEqualTo(expected);
        assertThat(((Row) lines.get(2)).role()).isNull();
        assertThat(((Row) lines.get(2)).emailVerified()).isFalse();
    }

    @Test
    void eachBadLineBecomesItsOwnReportWithItsFileLineNumber() {
        List<Line> lines = read(String.join("\n",
                "{\"email\":\"ok@x.io\"}",
                "not json",
                "[1,2]",
                "{\"email\":\"a@x.io\",\"password_hash\":\"x\"}",
                "{\"email\":\"a@x.io\",\"email\":\"b@x.io\"}",
                "{\"email\":42}",
                "{\"email\":\"a@x.io\",\"emailVerified\":\"yes\"}",
                "{\"email\":\"a@x.io\",\"metadata\":\"{}\"}",
                "{\"email\":\"a@x.io\",\"role\":\"owner\"}",
                "{\"email\":\"a@x.io\",\"passwordHash\":{\"argon2\":\"x\"}}",
                "{\"email\":\"a@x.io\",\"passwordHash\":{\"keycloak\":{\"secretData\":\"{broken\",\"credentialData\":\"{}\"}}}",
                "{\"email\":\"a@x.io\",\"passwordHash\":{\"keycloak\":{\"secretData\":\"{}\",\"credentialData\":\"{}\"}}}",
                "{\"email\":\"a@x.io\"} {\"email\":\"b@x.io\"}",
                "{\"email\":\"last@x.io\"}"));

        assertThat(lines).extracting(Line::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L,
                13L, 14L);
        assertThat(lines.get(0)).isInstanceOf(Row.class);
        assertThat(lines.get(13)).isInstanceOf(Row.class);
        List<String> reasons = lines.subList(1, 13).stream().map(l -> ((Unreadable) l).reason()).toList();
        assertThat(reasons).containsExactly(
                "the line is not valid JSON (at column 1)",
                "the line must be a JSON object",
                "password_hash: is not a field of an import line (expected email, passwordHash, emailVerified, name,"
                        + " metadata, accountId, role)",
                "a field appears more than once",
                "email: must be a string",
                "emailVerified: must be true or false",
                "metadata: must be a JSON object",
                "role: must be user, account_admin or root",
                "passwordHash: must be a string, or {\"keycloak\": {\"secretData\", \"credentialData\"}} as Keycloak"
                        + " exports a password credential",
                "passwordHash: keycloak.secretData is not valid JSON",
                "passwordHash: keycloak.credentialData.hashIterations must be a number",
                "the line is not valid JSON (at column 20)");
    }

    @Test
    void blankLinesCountButAreSkippedAndCrLfAByteOrderMarkAndANoFinalNewlineAreFine() {
        byte[] body = ("\uFEFF{\"email\":\"a@x.io\"}\r\n\r\n   \n{\"email\":\"b@x.io\"}").getBytes(StandardCharsets.UTF_8);

        List<Line> lines = read(body, 1 << 20);

        assertThat(lines).extracting(Line::number).containsExactly(1L, 4L);
        assertThat(lines).allSatisfy(line -> assertThat(line).isInstanceOf(Row.class));
    }

    @Test
    void aLineLongerThan16KiBIsReportedAndSkippedToItsEndAndBadUtf8IsALineError() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"email\":\"a@x.io\",\"name\":\"" + "x".repeat(NdjsonLines.MAX_LINE_BYTES) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        body.writeBytes("{\"email\":\"b@x.io\"}\n".getBytes(StandardCharsets.UTF_8));

        List<Line> lines = read(body.toByteArray(), 1 << 20);

        assertThat(lines).hasSize(3);
        assertThat(((Unreadable) lines.get(0)).reason()).isEqualTo("the line is longer than 16384 bytes");
        assertThat(((Unreadable) lines.get(1)).reason()).isEqualTo("the line is not valid UTF-8");
        assertThat(((Row) lines.get(2)).email()).isEqualTo("b@x.io");
    }

    @Test
    void readingPastTheLimitIsA413() {
        byte[] body = "{\"email\":\"a@x.io\"}\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream(body), 1024, new ImportLineParser());

        assertThatThrownBy(() -> {
            while (lines.hasNext()) {
                lines.next();
            }
        }).isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.problem().status()).isEqualTo(413));
    }

    private static List<Line> read(String body) {
        return read(body.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    private static List<Line> read(byte[] body, int maxBytes) {
        NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream(body), maxBytes, new ImportLineParser());
        List<Line> all = new ArrayList<>();
        lines.forEachRemaining(all::add);
        assertThat(lines.ended()).isTrue();
        return all;
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
