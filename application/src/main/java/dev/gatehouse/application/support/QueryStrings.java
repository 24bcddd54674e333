package dev.gatehouse.application.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Links the server hands out: an app's or a tenant's URL with parameters added to its query. */
public final class QueryStrings {
    private QueryStrings() {
    }

    /**
     * {@code base} with {@code parameters} (in their order, values form-encoded) added to its query: after a {@code ?}
     * when it has none, after an {@code &} when it has one, directly when it ends in {@code ?} or {@code &}.
     */
    public static String withQuery(String base, Map<String, String> parameters) {
        StringBuilder url = new StringBuilder(base);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return url.toString();
    }
}
