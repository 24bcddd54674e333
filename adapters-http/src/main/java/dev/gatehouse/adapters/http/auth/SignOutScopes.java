package dev.gatehouse.adapters.http.auth;

import dev.gatehouse.adapters.http.web.QueryParameters;
import dev.gatehouse.application.sessions.port.in.SignOutUseCase.Scope;
import dev.gatehouse.domain.error.InvalidInput;

/** The {@code scope} query parameter of {@code POST /v1/auth/signout}, spelled out for the wire. */
final class SignOutScopes {
    static final String PARAMETER = "scope";

    private SignOutScopes() {
    }

    /**
     * {@code current} (also when absent), {@code others} or {@code all}, exactly so.
     *
     * @throws InvalidInput naming {@code scope} for any other value, an empty one or an unreadable one
     */
    static Scope from(String rawQuery) {
        String value = QueryParameters.first(rawQuery, PARAMETER);
        if (value == null && !QueryParameters.has(rawQuery, PARAMETER)) {
            return Scope.CURRENT;
        }
        return switch (value == null ? "" : value) {
            case "current" -> Scope.CURRENT;
            case "others" -> Scope.OTHERS;
            case "all" -> Scope.ALL;
            default -> throw new InvalidInput(PARAMETER, "must be current, others or all");
        };
    }
}
