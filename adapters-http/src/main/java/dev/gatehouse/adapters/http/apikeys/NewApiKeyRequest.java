package dev.gatehouse.adapters.http.apikeys;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.error.InvalidInput;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /v1/admin/api-keys}: {@code {"type": "secret", "name"?, "scopes"?}} or
 * {@code {"type": "publishable"}} (publishable keys have neither a name nor scopes: giving one is refused
 * rather than dropped). Scope names are checked here; an empty list is refused when the key is made.
 */
record NewApiKeyRequest(Type type, String name, Optional<Set<Scope>> scopes) {
    static final Set<String> FIELDS = Set.of("type", "name", "scopes");

    enum Type { SECRET, PUBLISHABLE }

    static NewApiKeyRequest from(JsonFields body) {
        Type type = switch (body.string("type") == null ? "" : body.string("type")) {
            case "secret" -> Type.SECRET;
            case "publishable" -> Type.PUBLISHABLE;
            default -> throw new InvalidInput("type", "must be secret or publishable");
        };
        String name = body.string("name");
        if (name != null && name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "must not contain control characters");
        }
        List<String> scopes = body.strings("scopes");
        if (type == Type.PUBLISHABLE && (name != null || scopes != null)) {
            throw new InvalidInput(name != null ? "name" : "scopes", "applies to secret keys only");
        }
        return new NewApiKeyRequest(type, name, Optional.ofNullable(scopes).map(ScopeNames::parse));
    }
}
