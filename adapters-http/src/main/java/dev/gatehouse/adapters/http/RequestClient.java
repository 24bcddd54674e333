package dev.gatehouse.adapters.http;

import dev.gatehouse.domain.session.ClientInfo;
import io.javalin.http.Context;

/** Where a request comes from, as recorded with the session it opens or refreshes. */
public final class RequestClient {

    private RequestClient() {
    }

    /**
     * The address of the socket's peer and the {@code User-Agent} header. The peer address is used as it
     * is: {@code X-Forwarded-For} and similar headers are ignored, because any client can send them and
     * no proxy is configured as trusted. Not {@code ctx.ip()}, which believes {@code X-Forwarded-For}.
     * Behind a reverse proxy every session therefore shows the proxy's address.
     */
    public static ClientInfo of(Context ctx) {
        return new ClientInfo(ctx.req().getRemoteAddr(), ctx.header("User-Agent"));
    }
}
