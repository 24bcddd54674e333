package dev.gatehouse.adapters.crypto;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remote JWK sets by URL, for external issuers' tokens and OpenID providers' ID tokens: fetched through the
 * {@link GuardedResourceRetriever} (the outbound address guard), each cached for {@code ttl}; a key id the cached set
 * does not know refetches it, at most once per {@code refetchInterval}. At most {@value #MAX_SOURCES} URLs are kept
 * (past that the cache starts over), so tenants naming ever new URLs cannot grow it without bound.
 */
public final class JwkSources {
    static final int MAX_SOURCES = 1000;

    private final GuardedResourceRetriever retriever;
    private final Duration ttl;
    private final Duration refreshTimeout;
    private final Duration refetchInterval;
    private final ConcurrentHashMap<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    public JwkSources(GuardedResourceRetriever retriever, Duration ttl, Duration refreshTimeout, Duration refetchInterval) {
        this.retriever = retriever;
        this.ttl = ttl;
        this.refreshTimeout = refreshTimeout;
        this.refetchInterval = refetchInterval;
    }

    /** The source of {@code uri}. @throws IllegalArgumentException when it is not a usable URL */
    public JWKSource<SecurityContext> of(URI uri) {
        JWKSource<SecurityContext> known = sources.get(uri);
        if (known != null) {
            return known;
        }
        if (sources.size() >= MAX_SOURCES) {
            sources.clear();
        }
        return sources.computeIfAbsent(uri, this::build);
    }

    private JWKSource<SecurityContext> build(URI uri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(uri.toURL(), retriever)
                    .cache(ttl.toMillis(), refreshTimeout.toMillis())
                    .refreshAheadCache(false)
                    .rateLimited(refetchInterval.toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable URL", e);
        }
    }
}
