package dev.gatehouse.adapters.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hides the method-override headers from everything behind it. Javalin routes by
 * {@code X-HTTP-Method-Override} when a request carries it, so a {@code GET} that a proxy or a firewall
 * let through as a read could run a {@code DELETE} route. Here a request is served by the method on its
 * request line and nothing else: the override headers are dropped, not refused, so a client that sends
 * them out of habit is answered as its real method.
 */
final class MethodOverrideIgnored implements Filter {
    /** Javalin reads the first; the others are the same idea under the names other frameworks read. */
    static final Set<String> OVERRIDE_HEADERS = Set.of("x-http-method-override", "x-http-method", "x-method-override");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && carriesOverride(http)) {
            chain.doFilter(new WithoutOverride(http), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean carriesOverride(HttpServletRequest request) {
        for (String name : OVERRIDE_HEADERS) {
            if (request.getHeader(name) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOverride(String name) {
        return name != null && OVERRIDE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final class WithoutOverride extends HttpServletRequestWrapper {
        WithoutOverride(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return isOverride(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isOverride(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(MethodOverrideIgnored::isOverride);
            return Collections.enumeration(names);
        }

        @Override
        public long getDateHeader(String name) {
            return isOverride(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return isOverride(name) ? -1 : super.getIntHeader(name);
        }
    }
}
