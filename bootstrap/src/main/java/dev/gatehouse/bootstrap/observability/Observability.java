package dev.gatehouse.bootstrap.observability;

import dev.gatehouse.bootstrap.ConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator sees of the server: the log format, and the management listener (metrics and health), which
 * is off unless {@code GATEHOUSE_MANAGEMENT_PORT} is set. docs/configuration.md, "Observability".
 */
public record Observability(LogFormat logFormat, Optional<Management> management) {
    public Observability {
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(management, "management");
    }

    /**
     * The management listener's address: never the public port; port 0 picks a free one, logged as
     * {@code Gatehouse management on port N}.
     */
    public record Management(String host, int port) {
        public Management {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535");
            }
        }
    }

    /**
     * {@code GATEHOUSE_LOG_FORMAT} ({@code text} by default in dev mode, {@code json} in prod mode),
     * {@code GATEHOUSE_MANAGEMENT_PORT} (off unless set; never {@code publicPort}) and
     * {@code GATEHOUSE_MANAGEMENT_HOST} (by default the public listener's {@code publicHost}).
     *
     * @throws ConfigException naming the variable that is wrong
     */
    public static Observability fromEnvironment(Map<String, String> env, boolean devMode, String publicHost,
                                                int publicPort) {
        LogFormat format = switch (get(env, "GATEHOUSE_LOG_FORMAT").orElse(devMode ? "text" : "json")
                .toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new ConfigException("GATEHOUSE_LOG_FORMAT", "must be 'json' or 'text'");
        };
        Optional<String> host = get(env, "GATEHOUSE_MANAGEMENT_HOST");
        Optional<String> port = get(env, "GATEHOUSE_MANAGEMENT_PORT");
        if (port.isEmpty()) {
            if (host.isPresent()) {
                throw new ConfigException("GATEHOUSE_MANAGEMENT_HOST", "is set but GATEHOUSE_MANAGEMENT_PORT is not:"
                        + " set the port too (0 picks a free one), or unset the host");
            }
            return new Observability(format, Optional.empty());
        }
        int number;
        try {
            number = Integer.parseInt(port.get());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535) {
            throw new ConfigException("GATEHOUSE_MANAGEMENT_PORT", "must be a whole number from 0 to 65535"
                    + " (0 picks a free port)");
        }
        if (number != 0 && number == publicPort) {
            throw new ConfigException("GATEHOUSE_MANAGEMENT_PORT", "must differ from GATEHOUSE_PORT (" + publicPort
                    + "): metrics are never served on the public port");
        }
        return new Observability(format, Optional.of(new Management(host.orElse(publicHost), number)));
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
