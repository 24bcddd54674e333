package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactJwsTest {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    @Test
    void everyEncoderOutputIsCanonicalAndNoOtherSpellingOfTheSameBytesIs() {
        Random random = new Random(7);
        for (int length = 1; length <= 40; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String segment = URL.encodeToString(bytes);
            assertThat(CompactJws.isCanonical(segment + ".e30." + segment)).as(segment).isTrue();
            // the other spellings a lenient decoder reads as the same bytes
            int unusedBits = switch (segment.length() % 4) {
                case 2 -> 4;
                case 3 -> 2;
                default -> 0;
            };
            for (int bits = 1; bits < 1 << unusedBits; bits++) {
                String bumped = withLastSextetPlus(segment, bits);
                assertThat(Base64.getUrlDecoder().decode(bumped)).as("the decoder is lenient").isEqualTo(bytes);
                assertThat(CompactJws.isCanonical(bumped + ".e30." + segment)).as(bumped).isFalse();
                assertThat(CompactJws.isCanonical(segment + ".e30." + bumped)).as(bumped).isFalse();
            }
            if (unusedBits > 0) {
                String padded = segment + "=".repeat(4 - segment.length() % 4);
                assertThat(CompactJws.isCanonical(segment + ".e30." + padded)).as(padded).isFalse();
                assertThat(CompactJws.isCanonical(padded + ".e30." + segment)).as(padded).isFalse();
            }
        }
    }

    @Test
    void refusesOtherAlphabetsWhitespaceImpossibleLengthsAndWrongSegmentCounts() {
        String good = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        assertThat(CompactJws.isCanonical(good)).isTrue();
        for (String bad : new String[] {
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl=",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl==",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0=.c2lnbmF0dXJl",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl+",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0/XJl",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl ",
                " eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIi OiJ4In0.c2lnbmF0dXJl",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlA",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dX\u0130l",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.",
                ".eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
                "eyJhbGciOiJSUzI1NiJ9..c2lnbmF0dXJl",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl.",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl.e30.e30",
                "", "...", "e30"}) {
            assertThat(CompactJws.isCanonical(bad)).as(bad).isFalse();
        }
        assertThat(CompactJws.isCanonical(null)).isFalse();
    }

    private static String withLastSextetPlus(String segment, int bits) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(segment.charAt(segment.length() - 1));
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(last | bits);
    }
}
