package dev.gatehouse.domain.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.error.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpValuesTest {

    @Test
    void aCodeIsExactlySixDigitsAroundWhichWhiteSpaceIsDropped() {
        assertThat(TotpCode.parse("code", "012345").digits()).isEqualTo("012345");
        assertThat(TotpCode.parse("code", " 287082\n").digits()).isEqualTo("287082");
        assertThat(TotpCode.parse("code", "287082").matches(new TotpCode("287082"))).isTrue();
        assertThat(TotpCode.parse("code", "287082").matches(new TotpCode("287083"))).isFalse();
        assertThat(new TotpCode("287082").toString()).doesNotContain("287082");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "123 456", "١٢٣٤٥٦", "+12345", "-12345", "94287082"})
    void refusesAnythingButSixAsciiDigits(String raw) {
        assertThatThrownBy(() -> TotpCode.parse("code", raw)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("code");
    }

    @Test
    void refusesAMissingCode() {
        assertThatThrownBy(() -> TotpCode.parse("code", null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void stepsAreThirtySecondPeriodsSinceTheEpoch() {
        // RFC 6238 appendix B: T = 59 s is step 1, T = 1111111109 s step 0x23523EC.
        assertThat(TotpStep.at(Instant.ofEpochSecond(59)).value()).isEqualTo(1);
        assertThat(TotpStep.at(Instant.ofEpochSecond(1111111109)).value()).isEqualTo(0x23523ECL);
        assertThat(TotpStep.at(Instant.ofEpochSecond(60))).isEqualTo(new TotpStep(2));
        assertThat(new TotpStep(2).start()).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(new TotpStep(2).isAfter(new TotpStep(1))).isTrue();
        assertThatThrownBy(() -> new TotpStep(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretReadsBackFromItsBase32FormAndHidesItself() {
        byte[] rfc = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        TotpSecret secret = TotpSecret.of(rfc);

        assertThat(secret.base32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpSecret.fromBase32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq")).isEqualTo(secret);
        assertThat(secret.bytes()).isEqualTo(rfc);
        assertThat(secret.toString()).doesNotContain("GEZD");
        byte[] odd = new byte[17];
        odd[16] = (byte) 0xff;
        assertThat(TotpSecret.fromBase32(TotpSecret.of(odd).base32()).bytes()).isEqualTo(odd);
        assertThatThrownBy(() -> TotpSecret.of(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyUriCarriesTheLabelTheSecretAndGatehousesParameters() {
        TotpSecret secret = TotpSecret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        OtpauthUri uri = OtpauthUri.of(secret, "Acme Corp", "ada+mfa@example.com");

        assertThat(uri.value()).isEqualTo("otpauth://totp/Acme%20Corp:ada%2Bmfa%40example.com"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30");
        assertThat(uri.toString()).doesNotContain("GEZD");
        assertThatThrownBy(() -> OtpauthUri.of(secret, "a:b", "ada@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
