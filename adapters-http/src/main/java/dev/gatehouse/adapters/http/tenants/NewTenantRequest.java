package dev.gatehouse.adapters.http.tenants;

import dev.gatehouse.adapters.http.web.JsonFields;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body of {@code POST /v1/tenants}: {@code {"name", "ownerEmail", "ownerPassword"?}}; without a
 * password one is generated. The tenant's name is checked where the tenant is made.
 */
record NewTenantRequest(String name, EmailAddress ownerEmail, Optional<Password> ownerPassword) {
    static final Set<String> FIELDS = Set.of("name", "ownerEmail", "ownerPassword");

    static NewTenantRequest from(JsonFields body) {
        String name = body.string("name");
        if (name != null && name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "must not contain control characters");
        }
        EmailAddress email = asField("ownerEmail", () -> new EmailAddress(body.string("ownerEmail")));
        String password = body.string("ownerPassword");
        return new NewTenantRequest(name, email,
                password == null ? Optional.empty() : Optional.of(asField("ownerPassword", () -> new Password(password))));
    }

    ProvisionTenantUseCase.Command command() {
        return new ProvisionTenantUseCase.Command(name, ownerEmail, ownerPassword);
    }

    /** The value objects name their own field ({@code email}); on this route the field is called otherwise. */
    private static <T> T asField(String field, Supplier<T> valueObject) {
        try {
            return valueObject.get();
        } catch (InvalidInput invalid) {
            throw new InvalidInput(field, invalid.getMessage().substring(invalid.field().length() + 2));
        }
    }
}
