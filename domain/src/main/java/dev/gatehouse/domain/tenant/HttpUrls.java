package dev.gatehouse.domain.tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one rule for the URLs a tenant's settings point at (a JWKS URL, the redirect URLs): absolute {@code http} or
 * {@code https} with a host, without user info (credentials in a URL end up in logs) or fragment.
 */
final class HttpUrls {
    private HttpUrls() {
    }

    /** Whether {@code url} is such a URL; a malformed one is not. */
    static boolean isPlainHttp(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
