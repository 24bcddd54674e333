package dev.gatehouse.adapters.http.apikeys;

import dev.gatehouse.application.apikeys.port.in.ApiKeysUseCase.CreatedSecretKey;
import dev.gatehouse.domain.apikey.SecretKey;
import java.util.List;

/** The answers of {@code POST /v1/admin/api-keys}. */
final class CreatedApiKeyResponses {

    private CreatedApiKeyResponses() {
    }

    /** A new secret key: the only answer that ever carries {@code secret}. */
    record SecretKeyCreated(String id, String name, String prefix, List<String> scopes, String created, String secret) {
        static SecretKeyCreated from(CreatedSecretKey created) {
            SecretKey key = created.key();
            return new SecretKeyCreated(key.id().toString(), key.name(), key.displayPrefix(),
                    ScopeNames.names(key.scopes()), key.created().toString(), created.secret());
        }

        @Override
        public String toString() {
            return "SecretKeyCreated[" + id + "]";
        }
    }

    record PublishableKeyCreated(String key, String created) {
    }
}
