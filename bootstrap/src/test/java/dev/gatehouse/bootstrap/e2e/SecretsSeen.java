package dev.gatehouse.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Every secret the server tests sent to a server or got from one, collected centrally as the clients send
 * ({@link CompatClient#send}, which {@link NativeClient} uses too): bearer tokens and secret keys from the headers,
 * and from JSON or form bodies (sent and received) and query strings the values of fields named like a secret
 * (passwords, tokens, codes, secrets, the mfaToken, recovery codes, secret keys). {@link ServerLogs} then holds each
 * server's output to never containing one of them. Values shorter than {@link #MIN_LENGTH} are left out: a six-digit
 * code could turn up in any log line by chance (the secrets that could hurt, tokens and passwords, are longer); so are
 * plain lower-case words ({@code password}), which paths and messages are made of.
 */
final class SecretsSeen {
    static final int MIN_LENGTH = 8;
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Field names whose values are secrets: ...password, ...token, ...secret, ...code(s), a PKCE verifier. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|token|secret|codes?|verifier)");
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    /**
     * Lower-case words, maybe hyphenated ({@code password}, {@code password-reset}): what a test sends to be refused
     * or names a template with, and what paths and messages are made of; never a secret worth the name.
     */
    private static final Pattern WORDS = Pattern.compile("[a-z]+(-[a-z]+)*");

    private SecretsSeen() {
    }

    static void add(String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH && !WORDS.matcher(value.strip()).matches()) {
            SECRETS.add(value.strip());
        }
    }

    /** Every secret registered so far, by any test of this JVM. */
    static Set<String> all() {
        return Set.copyOf(SECRETS);
    }

    /** The secrets a request carries: its credentials, and secret-named fields of its body and query. */
    static void fromRequest(HttpRequest request) {
        request.headers().firstValue("Authorization").ifPresent(value -> add(value.replaceFirst("(?i)^(bearer|basic)\\s+", "")));
        request.headers().firstValue("X-API-Key").filter(key -> key.startsWith("sk_")).ifPresent(SecretsSeen::add);
        fromForm(request.uri().getRawQuery());
        String body = bodyOf(request);
        if (body.startsWith("{") || body.startsWith("[")) {
            fromJson(body);
        } else if (body.contains("=")) {
            fromForm(body);
        }
    }

    /** The secrets an answer hands out: tokens, codes, keys; a bare JSON string is the compat routes' token. */
    static void fromResponse(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.length() > MAX_BODY) {
            return;
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("\"") && trimmed.length() > 40) {
            add(trimmed.substring(1, trimmed.length() - 1));
        } else if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            fromJson(trimmed);
        }
    }

    private static void fromJson(String body) {
        try {
            walk(null, JSON.readTree(body));
        } catch (IOException notJson) {
            // a malformed body sent on purpose: nothing to learn from it
        }
    }

    private static void walk(String name, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(item -> walk(name, item));
        } else if (node.isTextual() && (node.asText().startsWith("sk_")
                || name != null && SECRET_NAME.matcher(name).matches())) {
            add(node.asText());
        }
    }

    private static void fromForm(String form) {
        if (form == null || form.length() > MAX_BODY) {
            return;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                if (SECRET_NAME.matcher(name).matches()) {
                    add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** The body a request will send (the publishers the tests use can be read again for the real send). */
    private static String bodyOf(HttpRequest request) {
        long length = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
        if (length <= 0 || length > MAX_BODY) { // none, too large, or of unknown length (a stream read only once)
            return "";
        }
        CompletableFuture<String> body = new CompletableFuture<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                body.complete("");
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        });
        try {
            return body.get(5, TimeUnit.SECONDS);
        } catch (Exception unreadable) {
            return "";
        }
    }
}
