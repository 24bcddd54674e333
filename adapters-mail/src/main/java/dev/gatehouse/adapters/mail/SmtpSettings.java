package dev.gatehouse.adapters.mail;

import dev.gatehouse.domain.time.DurationText;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to hand mail over, read from {@value #VARIABLE}:
 * {@code smtp://[user[:password]@]host[:port][?starttls=opportunistic|required|off][&timeout=10s]} (port 25,
 * STARTTLS opportunistic by default) or {@code smtps://[user[:password]@]host[:port][?timeout=10s]} (implicit
 * TLS, port 465). User name and password are percent-decoded (UTF-8).
 *
 * <p>Neither {@link #toString()} nor any error message of {@link #parse(String)} contains the password:
 * error messages quote no part of the URL at all.
 *
 * @param username null when the server takes mail without SMTP AUTH; then {@code password} is null too
 * @param timeout  bound on connecting and on each read and write; at most {@link #MAX_TIMEOUT}
 */
public record SmtpSettings(Security security, String host, int port, String username, String password,
                           Duration timeout) {

    /** The environment variable this is read from; named in every error message. */
    public static final String VARIABLE = "GATEHOUSE_SMTP_URL";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    /** How the connection is protected. */
    public enum Security {
        /** {@code smtps://}: TLS from the first byte. */
        IMPLICIT_TLS,
        /** {@code smtp://...?starttls=required}: STARTTLS or no mail; never sends in plain text. */
        STARTTLS_REQUIRED,
        /** {@code smtp://} (default): STARTTLS when the server offers it, plain text otherwise. */
        STARTTLS_OPPORTUNISTIC,
        /** {@code smtp://...?starttls=off}: plain text even when the server offers STARTTLS. */
        PLAIN
    }

    public SmtpSettings {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(timeout, "timeout");
        if (host == null || host.isBlank()) {
            throw invalid("has no host");
        }
        if (port < 1 || port > 65_535) {
            throw invalid("has a port outside 1 to 65535");
        }
        if (username != null && username.isEmpty()) {
            throw invalid("has an empty user name");
        }
        if (password != null && password.isEmpty()) {
            throw invalid("has an empty password");
        }
        if ((username == null) != (password == null)) {
            throw invalid(username == null ? "has a password but no user name" : "has a user name but no password");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid("timeout must be a positive duration of at most 5m, such as 10s or 500ms");
        }
    }

    /** Settings without SMTP AUTH and with the default timeout. */
    public static SmtpSettings of(Security security, String host, int port) {
        return new SmtpSettings(security, host, port, null, null, DEFAULT_TIMEOUT);
    }

    public SmtpSettings withCredentials(String username, String password) {
        return new SmtpSettings(security, host, port, username, password, timeout);
    }

    public SmtpSettings withTimeout(Duration timeout) {
        return new SmtpSettings(security, host, port, username, password, timeout);
    }

    public boolean authenticates() {
        return username != null;
    }

    /**
     * Reads the URL form.
     *
     * @throws IllegalArgumentException naming {@value #VARIABLE} and what is wrong, quoting nothing of the value
     */
    public static SmtpSettings parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("is not set");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The exception's message quotes the input, password included: do not pass it on.
            throw invalid("is not a valid URL (percent-encode reserved characters such as @ : / ? # % in the "
                    + "user name and password)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean implicitTls = switch (scheme) {
            case "smtp" -> false;
            case "smtps" -> true;
            default -> throw invalid("must start with smtp:// or smtps://");
        };
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw invalid("must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null) {
            throw invalid("has no valid host[:port] (percent-encode reserved characters such as @ : / ? # % in the "
                    + "user name and password)");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw invalid("must not have a path (percent-encode / in the user name and password)");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("must not have a #fragment (percent-encode # in the user name and password)");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? (implicitTls ? 465 : 25) : uri.getPort();

        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            username = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1), "password");
            if (username.isEmpty()) {
                throw invalid("has an empty user name");
            }
            if (password == null) {
                throw invalid("has a user name but no password (smtp://user:password@host)");
            }
        }

        Map<String, String> parameters = parameters(uri.getRawQuery());
        Security security = implicitTls ? Security.IMPLICIT_TLS : Security.STARTTLS_OPPORTUNISTIC;
        String starttls = parameters.remove("starttls");
        if (starttls != null) {
            if (implicitTls) {
                throw invalid("starttls applies to smtp:// only; smtps:// is TLS from the start");
            }
            security = switch (starttls.toLowerCase(Locale.ROOT)) {
                case "required" -> Security.STARTTLS_REQUIRED;
                case "opportunistic" -> Security.STARTTLS_OPPORTUNISTIC;
                case "off" -> Security.PLAIN;
                default -> throw invalid("starttls must be required, opportunistic or off");
            };
        }
        Duration timeout = DEFAULT_TIMEOUT;
        String rawTimeout = parameters.remove("timeout");
        if (rawTimeout != null) {
            timeout = duration(rawTimeout);
        }
        if (!parameters.isEmpty()) {
            throw invalid("has unknown parameters; known are starttls and timeout");
        }
        return new SmtpSettings(security, host, port, username, password, timeout);
    }

    /** The URL form with the password replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(security == Security.IMPLICIT_TLS ? "smtps://" : "smtp://");
        if (username != null) {
            out.append(percentEncode(username)).append(":***@");
        }
        out.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
        out.append('?');
        switch (security) {
            case STARTTLS_REQUIRED -> out.append("starttls=required&");
            case STARTTLS_OPPORTUNISTIC -> out.append("starttls=opportunistic&");
            case PLAIN -> out.append("starttls=off&");
            case IMPLICIT_TLS -> { }
        }
        return out.append("timeout=").append(timeout.toMillis()).append("ms").toString();
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid("has a malformed parameter; use ?name=value&name=value");
            }
            String name = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            if (parameters.put(name, percentDecode(pair.substring(eq + 1), "parameter")) != null) {
                throw invalid("has a parameter more than once");
            }
        }
        return parameters;
    }

    /** Reads the timeout with {@link DurationText} (units and forms: docs/configuration.md, "Durations"). */
    private static Duration duration(String raw) {
        Duration parsed;
        try {
            parsed = DurationText.parse(raw);
        } catch (IllegalArgumentException e) {
            throw invalid("timeout must be a positive duration of at most 5m, such as 10s or 500ms");
        }
        if (parsed.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid("timeout must be a positive duration of at most 5m, such as 10s or 500ms");
        }
        return parsed;
    }

    /** Strict RFC 3986 percent-decoding to UTF-8; {@code +} stays a plus sign. */
    private static String percentDecode(String raw, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int percent = raw.indexOf('%', i);
            int end = percent < 0 ? raw.length() : percent;
            bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int hi = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(percent + 2), 16) : -1;
            if (lo < 0) {
                throw invalid("has a malformed %-escape in the " + what);
            }
            bytes.write(hi * 16 + lo);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("has a %-escape in the " + what + " that is not UTF-8");
        }
    }

    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(VARIABLE + " " + problem);
    }
}
