package dev.gatehouse.bootstrap.e2e;

import static dev.gatehouse.bootstrap.e2e.NativeClient.json;
import static dev.gatehouse.bootstrap.e2e.NativeClient.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One string per thing on the real server (H2): a token is accepted only in its canonical spelling, and an
 * address only without invisible characters, its internationalised domain stored in the ASCII form.
 */
class WireFormsE2EIT {
    private static final String DEV_ROOT = "safe-to-use-in-dev-root-token";
    private static final String PK = ServerProcess.DEV_PUBLIC_KEY;
    private static final String PASSWORD = "a long enough password 1";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.with(Map.of());
    private static final NativeClient client = SERVER.client();
    private static final CompatClient compat = SERVER.compat();

    @Test
    void aPaddedOrBitBumpedTokenIsRefusedEverywhereWhileTheCanonicalOneWorks() {
        String email = CompatClient.uniqueEmail("canonical");
        HttpResponse<String> registered = compat.register(email, PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String compatToken = registered.body().replace("\"", "");
        String nativeToken = json(client.post("/v1/auth/signin", tenant(PK),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"), 200).get("accessToken").asText();

        for (String good : List.of(compatToken, nativeToken)) {
            // the good spelling works, and is now in the verified-token cache
            assertThat(client.get("/me", auth(good)).statusCode()).isEqualTo(200);
            assertThat(client.get("/v1/me", auth(good)).statusCode()).isEqualTo(200);
            assertThat(introspect(good).get("active").asBoolean()).isTrue();
            for (String variant : variantsOf(good)) {
                assertThat(client.get("/me", auth(variant)).statusCode()).as(variant).isEqualTo(401);
                assertThat(client.get("/v1/me", auth(variant)).statusCode()).as(variant).isEqualTo(401);
                assertThat(introspect(variant).toString()).as(variant).isEqualTo("{\"active\":false}");
            }
            assertThat(client.get("/v1/me", auth(good)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAddressWithAnInvisibleCharacterIsRefusedAndAnInternationalDomainIsOneAddressInEitherForm() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> zwsp = compat.register("zwsp-" + id + "\u200b@example.com", PASSWORD);
        assertThat(zwsp.statusCode()).as(zwsp.body()).isEqualTo(400);
        assertThat(zwsp.body()).contains("invisible").contains("U+200B");
        assertThat(compat.register("admin\u200b@dev.com", PASSWORD).statusCode()).as("a look-alike of the dev root")
                .isEqualTo(400);
        HttpResponse<String> nativeZwsp = client.post("/v1/auth/signup", tenant(PK),
                "{\"email\":\"zwsp-" + id + "\\u200b@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(nativeZwsp.statusCode()).as(nativeZwsp.body()).isEqualTo(400);
        assertThat(nativeZwsp.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(compat.login("zwsp-" + id + "@example.com", PASSWORD).statusCode()).as("nothing was created")
                .isEqualTo(401);

        String ascii = "idn-" + id + "@xn--bcher-kva.example";
        HttpResponse<String> registered = compat.register("idn-" + id + "@b\u00fccher.example", PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String token = registered.body().replace("\"", "");
        assertThat(json(client.get("/me", auth(token)), 200).get("email").asText()).isEqualTo(ascii);
        assertThat(compat.login(ascii, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(compat.login("IDN-" + id + "@B\u00dcCHER.example", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(compat.login("idn-" + id + "@bu\u0308cher.example", PASSWORD).statusCode()).as("decomposed")
                .isEqualTo(200);
        HttpResponse<String> again = compat.register(ascii, PASSWORD);
        assertThat(again.statusCode()).as("the ASCII form is the same address: " + again.body()).isEqualTo(409);
    }

    /** Spellings that a lenient base64url decoder reads as the same bytes as the token's. */
    private static List<String> variantsOf(String token) {
        List<String> variants = new ArrayList<>(List.of(token + "=", token + "==", token.replaceFirst("\\.", "=.")));
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(signature.length() % 4).as("an RS256 signature ends in a character with 4 unused bits").isEqualTo(2);
        int last = ALPHABET.indexOf(token.charAt(token.length() - 1));
        for (int bits : new int[] {1, 2, 4, 8, 15}) {
            variants.add(token.substring(0, token.length() - 1) + ALPHABET.charAt(last ^ bits));
        }
        return variants;
    }

    /** The compat routes name their tenant with SB-PUBLIC-KEY; /v1 accepts it too. */
    private static Map<String, String> auth(String token) {
        return Map.of("SB-PUBLIC-KEY", PK, "Authorization", "Bearer " + token);
    }

    private static JsonNode introspect(String token) {
        return json(client.post("/v1/auth/introspect", Map.of("Authorization", "Bearer " + DEV_ROOT, "SB-PUBLIC-KEY", PK),
                "{\"token\":\"" + token + "\"}"), 200);
    }
}
