package dev.gatehouse.application.contract;

import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.audit.port.out.AuditTrail;
import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.application.sessions.port.out.RefreshGrantRepository;
import dev.gatehouse.application.apikeys.port.out.SecretKeyRepository;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.signingkeys.port.out.SigningKeyStore;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;

/**
 * The persistence ports a repository contract runs against: all backed by one store, with the unit of work
 * that spans them. A contract asks its subclass for them once per test.
 */
public record PersistencePorts(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                               SessionRepository sessions, RefreshGrantRepository refreshGrants,
                               SigningKeyStore signingKeys, SecretKeyRepository secretKeys,
                               TransactionRunner transactions, AuditLog auditLog, AuditTrail auditTrail,
                               OneTimeCodeRepository oneTimeCodes) {
}
