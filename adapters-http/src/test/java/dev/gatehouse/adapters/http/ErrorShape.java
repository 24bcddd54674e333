package dev.gatehouse.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

/** Assertions on the wire form of error answers. */
final class ErrorShape {

    private ErrorShape() {
    }

    /** {@code text/plain; charset=utf-8}, in whatever spacing Jetty normalises it to. */
    static void isPlainUtf8Text(String contentType) {
        assertThat(contentType.toLowerCase(Locale.ROOT).replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
    }
}
