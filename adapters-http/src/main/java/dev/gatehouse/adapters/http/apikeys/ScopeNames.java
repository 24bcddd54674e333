package dev.gatehouse.adapters.http.apikeys;

import dev.gatehouse.domain.apikey.Scope;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Scopes on the wire: their names ({@code users:read}, ...), listed in a fixed order. */
final class ScopeNames {

    private ScopeNames() {
    }

    static List<String> names(Collection<Scope> scopes) {
        return (scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes)).stream()
                .map(Scope::wireName).toList();
    }

    /** @throws dev.gatehouse.domain.error.InvalidInput naming {@code scopes} for an unknown name */
    static Set<Scope> parse(List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        names.forEach(name -> scopes.add(Scope.fromWireName(name)));
        return scopes;
    }
}
