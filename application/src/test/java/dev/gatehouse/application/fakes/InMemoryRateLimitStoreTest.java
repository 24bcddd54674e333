package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.RateLimitStoreContract;
import dev.gatehouse.application.support.port.out.LoginSourceStore;
import dev.gatehouse.application.support.port.out.RateLimitStore;

class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected RateLimitStore rateLimitStore() {
        return new InMemoryRateLimitStore();
    }

    @Override
    protected LoginSourceStore loginSourceStore() {
        return new InMemoryLoginSourceStore();
    }
}
