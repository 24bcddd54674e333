package dev.gatehouse.adapters.http;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.web.JsonResponses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.application.signingkeys.port.in.SigningKeysUseCase;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify access tokens now, as an RFC 7517 JWK
 * set {@code {"keys":[...]}}. No key is needed; {@code ?sbpk=} narrows the set to one tenant (an unknown or
 * unreadable one is 401 in plain text, like the other routes outside {@code /v1}), otherwise every tenant's
 * keys are listed. The {@code SB-PUBLIC-KEY} header is deliberately ignored: the URL alone decides the
 * answer, which may be cached publicly for five minutes.
 */
public record JwksController(SigningKeysUseCase keys, RequestContext http) implements Endpoints {
    static final String CACHE_CONTROL = "public, max-age=300";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/.well-known/jwks.json", this::jwks);
    }

    void jwks(Context ctx) {
        Optional<TenantId> tenant = http.tenants().fromQueryIfNamed(ctx).map(Tenant::id);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("keys");
        keys.publicKeys(tenant).forEach(jwk -> list.add(parse(jwk)));
        ctx.header("Cache-Control", CACHE_CONTROL);
        JsonResponses.write(ctx, 200, body);
    }

    /** The key adapter hands out JWK JSON objects; they go into the set as JSON, not as escaped strings. */
    private static JsonNode parse(String jwk) {
        try {
            JsonNode node = MAPPER.readTree(jwk);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("a published key is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a published key is not valid JSON", e);
        }
    }
}
