package dev.gatehouse.adapters.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * HTML page, never a stack trace, with the same protective headers as every other response.
 */
final class PlainTextErrorHandler extends ErrorHandler {
    private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, ErrorResponder.PLAIN_TEXT);
    private static final HttpField NO_SNIFF = new HttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");

    PlainTextErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        addHeaders(response.getHeaders());
        response.write(true, body(code), callback);
    }

    private static void addHeaders(HttpFields.Mutable headers) {
        headers.put(CONTENT_TYPE);
        headers.put(NO_SNIFF);
        headers.put(NO_STORE);
    }

    private static ByteBuffer body(int status) {
        String reason = status >= 500 ? "internal server error" : HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
        return ByteBuffer.wrap((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
