package dev.gatehouse.domain.session;

/**
 * Where a sign-in came from, as far as the server can tell: kept with the session so a user can
 * recognise it in their session list. Both values are shortened and stripped of control characters.
 */
public record ClientInfo(String ipAddress, String userAgent) {
    public static final int MAX_USER_AGENT = 512;
    public static final ClientInfo UNKNOWN = new ClientInfo("", "");

    public ClientInfo {
        ipAddress = clean(ipAddress, 64);
        userAgent = clean(userAgent, MAX_USER_AGENT);
    }

    private static String clean(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        value.codePoints().filter(c -> !Character.isISOControl(c)).limit(max).forEach(out::appendCodePoint);
        return out.toString().strip();
    }
}
