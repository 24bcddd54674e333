package dev.gatehouse.adapters.persistence;

import dev.gatehouse.application.contract.RateLimitStoreContract;
import dev.gatehouse.application.support.port.out.LoginSourceStore;
import dev.gatehouse.application.support.port.out.RateLimitStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RateLimitStoreIT extends RateLimitStoreContract {
    @RegisterExtension
    static final DatabaseExtension DATABASE = DatabaseExtension.h2();

    @Override
    protected RateLimitStore rateLimitStore() {
        return DATABASE.database().rateLimits();
    }

    @Override
    protected LoginSourceStore loginSourceStore() {
        return DATABASE.database().loginSources();
    }
}
