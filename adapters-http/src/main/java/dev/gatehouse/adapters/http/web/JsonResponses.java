package dev.gatehouse.adapters.http.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;

/**
 * Writes JSON response bodies. The content type is exactly {@code application/json}, with no charset
 * parameter: the StaticBackend Go client ignores a body whose content type differs.
 */
public final class JsonResponses {
    public static final String APPLICATION_JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonResponses() {
    }

    public static void write(Context ctx, int status, Object body) {
        write(ctx, status, APPLICATION_JSON, body);
    }

    /** A body already serialised, e.g. by {@link JsonObjectWriter}. */
    public static void writeJson(Context ctx, int status, byte[] json) {
        ctx.status(status).contentType(APPLICATION_JSON).result(json);
    }

    public static void write(Context ctx, int status, String contentType, Object body) {
        ctx.status(status).contentType(contentType).result(bytes(body));
    }

    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body could not be serialised", e);
        }
    }
}
