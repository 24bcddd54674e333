package dev.gatehouse.domain.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Gatehouse reads a duration written by an operator (environment variables, the {@code timeout}
 * parameter of {@code GATEHOUSE_SMTP_URL}); the accepted forms are listed once, in docs/configuration.md
 * ("Durations"):
 * <ul>
 *   <li>a whole number of 1 to 9 digits followed by one unit: {@code ms} (milliseconds), {@code s} (seconds),
 *       {@code m} (minutes), {@code h} (hours) or {@code d} (days of 24 hours), such as {@code 500ms}, {@code 90s},
 *       {@code 15m}, {@code 12h}, {@code 7d}; case does not matter ({@code 10S} is ten seconds; {@code m} is always
 *       minutes, never months);</li>
 *   <li>or ISO-8601 as {@link Duration#parse(CharSequence)} reads it, such as {@code PT12H}, {@code PT1M30S} or
 *       {@code P2D}, in either case.</li>
 * </ul>
 * Only positive durations are accepted: zero and negative values ({@code 0s}, {@code PT0S}, {@code -PT5S}) are
 * refused, as is text around the value (callers strip what they read). Every caller bounds the value further
 * where it needs to (a lifetime of at most a day, a timeout of at most five minutes).
 *
 * <p>Error messages do not quote the input: the text may come from a URL that carries a password.
 */
public final class DurationText {
    /** The short form; at most 9 digits, so no unit can overflow a {@link Duration}. */
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** How the accepted forms are described in error messages. */
    public static final String FORMS = "a positive duration: a whole number followed by ms, s, m, h or d "
            + "(such as 500ms, 90s, 15m, 12h, 7d) or ISO-8601 (such as PT12H)";

    private DurationText() {
    }

    /**
     * Reads a positive duration in one of the forms above.
     *
     * @throws IllegalArgumentException when the text is in none of the forms, overflows a {@link Duration}, or is
     *                                  zero or negative; the message says what is accepted and quotes no input
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        Duration parsed = null;
        Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // reported below; the exception's message quotes the input, so it is not passed on
            }
        }
        if (parsed == null) {
            throw new IllegalArgumentException("is not " + FORMS);
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("must be more than zero; expected " + FORMS);
        }
        return parsed;
    }
}
