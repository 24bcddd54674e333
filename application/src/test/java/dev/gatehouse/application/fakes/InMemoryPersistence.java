package dev.gatehouse.application.fakes;

import dev.gatehouse.application.contract.PersistencePorts;

/** Fresh in-memory stores sharing one fake unit of work, as the repository contracts use them. */
final class InMemoryPersistence {
    private InMemoryPersistence() {
    }

    static PersistencePorts ports() {
        InMemoryTenantRepository tenants = new InMemoryTenantRepository();
        InMemoryAccountRepository accounts = new InMemoryAccountRepository();
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemorySessionRepository sessions = new InMemorySessionRepository();
        InMemoryRefreshGrantRepository refreshGrants = new InMemoryRefreshGrantRepository();
        InMemorySecretKeyRepository secretKeys = new InMemorySecretKeyRepository();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        InMemoryOneTimeCodeRepository oneTimeCodes = new InMemoryOneTimeCodeRepository();
        return new PersistencePorts(tenants, accounts, users, sessions, refreshGrants, new InMemorySigningKeyStore(),
                secretKeys, new InMemoryTransactionRunner(tenants, accounts, users, sessions, refreshGrants, secretKeys, audit,
                oneTimeCodes), audit, audit, oneTimeCodes);
    }
}
