package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.PersistencePorts;
import java.util.ArrayList;
import java.util.List;

/** Fresh in-memory stores sharing one fake unit of work, as the repository contracts use them. */
final class InMemoryPersistence {
    private InMemoryPersistence() {
    }

    static PersistencePorts ports() {
        return ports(new InMemoryStore[0]);
    }

    /** Like {@link #ports()}, with more stores (of ports outside {@link PersistencePorts}) in the same unit of work. */
    static PersistencePorts ports(InMemoryStore... more) {
        InMemoryTenantRepository tenants = new InMemoryTenantRepository();
        InMemoryAccountRepository accounts = new InMemoryAccountRepository();
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemorySessionRepository sessions = new InMemorySessionRepository();
        InMemoryRefreshGrantRepository refreshGrants = new InMemoryRefreshGrantRepository();
        InMemorySecretKeyRepository secretKeys = new InMemorySecretKeyRepository();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        InMemoryOneTimeCodeRepository oneTimeCodes = new InMemoryOneTimeCodeRepository();
        List<InMemoryStore> stores = new ArrayList<>(List.of(tenants, accounts, users, sessions, refreshGrants,
                secretKeys, audit, oneTimeCodes));
        stores.addAll(List.of(more));
        return new PersistencePorts(tenants, accounts, users, sessions, refreshGrants, new InMemorySigningKeyStore(),
                secretKeys, new InMemoryTransactionRunner(stores.toArray(InMemoryStore[]::new)), audit, audit, oneTimeCodes);
    }
}
