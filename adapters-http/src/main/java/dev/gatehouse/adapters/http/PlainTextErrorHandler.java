package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.RequestFilter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it refuses before they reach a route (an unparseable request line, an
 * illegal header or path character, headers too large): a short plain-text reason instead of Jetty's
 * HTML page, never a stack trace, with the same protective headers and a request id like every other response.
 * Also its 503 for a request that arrives on an open connection while the server stops (graceful shutdown): it says
 * so, with {@code Retry-After}, so that the client tries again (on another instance behind a load balancer).
 */
final class PlainTextErrorHandler extends ErrorHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlainTextErrorHandler.class);
    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, ErrorResponder.PLAIN_TEXT);
    private static final List<HttpField> PROTECTIVE = RequestFilter.PROTECTIVE_HEADERS.entrySet().stream()
            .map(header -> new HttpField(header.getKey(), header.getValue())).toList();

    PlainTextErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // Plain text also under /v1: Jetty hands over a placeholder URI (/badMessage) for a request it could not
        // parse, so which API family it was meant for is unknown here.
        addHeaders(response.getHeaders());
        // Refused before any route ran, so before the request filter: the request id is given here.
        String requestId = RequestFilter.requestIdFor(request.getHeaders().get(RequestFilter.REQUEST_ID_HEADER));
        response.getHeaders().put(RequestFilter.REQUEST_ID_HEADER, requestId);
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        LOG.debug("request {} refused before routing with {}", requestId, code);
        response.write(true, body(code), callback);
    }

    private static void addHeaders(HttpFields.Mutable headers) {
        headers.put(CONTENT_TYPE);
        PROTECTIVE.forEach(headers::put);
    }

    /** The answer to a request that reaches a server which is starting or stopping (never to one the routes refused). */
    static final String STOPPING = "service unavailable: the server is starting or stopping; try again";

    private static ByteBuffer body(int status) {
        String reason = status == HttpStatus.SERVICE_UNAVAILABLE_503 ? STOPPING
                : status >= 500 ? "internal server error" : HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
        return ByteBuffer.wrap((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
