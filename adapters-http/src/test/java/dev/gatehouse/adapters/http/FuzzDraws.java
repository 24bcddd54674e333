package dev.gatehouse.adapters.http;

import java.util.Random;

/** Random draws shared by the seeded fuzz tests (MalformedInputIT, RouteFuzzIT). */
final class FuzzDraws {
    private FuzzDraws() {
    }

    /** {@code length} printable ASCII characters. */
    static String printable(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    @SafeVarargs
    static <T> T pickOf(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** An index drawn with the given weights. */
    static int pick(Random random, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
