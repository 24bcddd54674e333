package dev.gatehouse.adapters.http.web;

import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.tenant.IpRange;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Where a request comes from, as recorded with the session it opens and as counted by the rate limits.
 */
public final class RequestClient {
    public static final String SERVER_PROXIES = "gatehouse.trustedProxies";
    static final String TENANT_PROXIES = "gatehouse.tenantProxies";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    /** More hops than any real chain of proxies: the rest of an absurd header is not read. */
    private static final int MAX_HOPS = 20;

    private RequestClient() {
    }

    /**
     * The client's address and the {@code User-Agent} header. The address is the socket's peer, unless that peer
     * is a trusted proxy (server-wide {@code GATEHOUSE_TRUSTED_PROXIES}, or the selected tenant's
     * {@code trustedProxies}): then {@code X-Forwarded-For} is read from its right end, each entry believed only
     * while the hop that added it is itself trusted; the first untrusted hop is the client. An entry that is not
     * an IP literal stops the walk at the trusted hop before it. Never {@code ctx.ip()}, which believes any
     * client's {@code X-Forwarded-For}.
     */
    public static ClientInfo of(Context ctx) {
        return new ClientInfo(address(ctx), ctx.header("User-Agent"));
    }

    static String address(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        List<IpRange> serverProxies = ctx.attribute(SERVER_PROXIES);
        Set<String> tenantProxies = ctx.attribute(TENANT_PROXIES);
        boolean anyTrusted = serverProxies != null && !serverProxies.isEmpty()
                || tenantProxies != null && !tenantProxies.isEmpty();
        if (!anyTrusted) {
            return peer;
        }
        List<String> hops = forwardedFor(ctx);
        String current = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted(current, serverProxies, tenantProxies); i--) {
            String hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            current = hop;
        }
        return current;
    }

    private static List<String> forwardedFor(Context ctx) {
        Enumeration<String> values = ctx.req().getHeaders(FORWARDED_FOR);
        if (values == null) {
            return List.of();
        }
        List<String> hops = new ArrayList<>();
        for (String value : Collections.list(values)) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
    }

    private static boolean trusted(String address, Collection<IpRange> serverProxies, Set<String> tenantProxies) {
        if (serverProxies != null) {
            for (IpRange range : serverProxies) {
                if (range.contains(address)) {
                    return true;
                }
            }
        }
        if (tenantProxies != null) {
            for (String proxy : tenantProxies) {
                try {
                    if (IpRange.parse(proxy).contains(address)) {
                        return true;
                    }
                } catch (RuntimeException unparsable) {
                    // settings are validated when written: nothing to trust here
                }
            }
        }
        return false;
    }

    /** The hop as an IP literal ({@code [v6]} brackets and an IPv4 {@code :port} dropped), or null. */
    private static String literal(String hop) {
        String value = hop;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            value = close < 0 ? "" : value.substring(1, close);
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':'));
        }
        try {
            IpRange exact = IpRange.parse(value);
            return exact.prefixLength() == exact.network().length * 8 ? exact.toString() : null;
        } catch (RuntimeException notAnAddress) {
            return null;
        }
    }
}
