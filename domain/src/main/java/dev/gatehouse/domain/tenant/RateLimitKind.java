package dev.gatehouse.domain.tenant;

import dev.gatehouse.domain.error.InvalidInput;
import java.util.Locale;

/**
 * The rate limits a tenant may override in {@link TenantSettings#rateLimits()}. The defaults here are
 * placeholders owned by the rate-limiting work, which defines what each limit counts; the wire name of a
 * constant is its lower camel case ({@code LOGIN_PER_IP} is {@code loginPerIp}).
 */
public enum RateLimitKind {
    LOGIN_PER_IP(RateLimit.perMinute(30)),
    LOGIN_PER_ACCOUNT(RateLimit.perMinute(10)),
    SIGNUP_PER_IP(RateLimit.perHour(20)),
    RECOVERY_PER_IP(RateLimit.perHour(20)),
    RECOVERY_PER_ACCOUNT(RateLimit.perHour(5)),
    CODE_PER_IP(RateLimit.perMinute(30)),
    CODE_PER_ACCOUNT(RateLimit.perMinute(10)),
    TENANT_UNAUTHENTICATED(RateLimit.perMinute(6000)),
    FAILED_LOGINS_PER_ACCOUNT(RateLimit.perHour(20));

    private final RateLimit defaultLimit;
    private final String wireName;

    RateLimitKind(RateLimit defaultLimit) {
        this.defaultLimit = defaultLimit;
        this.wireName = lowerCamel(name());
    }

    public RateLimit defaultLimit() {
        return defaultLimit;
    }

    /** The JSON name: {@code loginPerIp} for {@code LOGIN_PER_IP}. */
    public String wireName() {
        return wireName;
    }

    public static RateLimitKind fromWireName(String name) {
        for (RateLimitKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        String shown = name == null ? "" : name.length() > 40 ? name.substring(0, 40) : name;
        throw new InvalidInput("rateLimits", "unknown rate limit '" + shown + "'");
    }

    private static String lowerCamel(String constant) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
