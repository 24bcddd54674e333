package dev.gatehouse.application.tenants;

import dev.gatehouse.application.support.SecretHashing;

import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.CommonPasswordList;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.List;

/**
 * Creates tenants with everything they need to be used at once. Secrets: publishable keys {@code pk_}
 * (128 bits, not secret but unguessable), root tokens {@code gh_root_} (256 bits, stored as SHA-256 only),
 * generated owner passwords (128 bits).
 */
record TenantProvisioningService(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                                 PasswordHasher hasher, SecretGenerator secrets, TransactionRunner transactions,
                                 Clock clock, IdGenerator ids, AuditLog audit, CommonPasswordList commonPasswords)
        implements ProvisionTenantUseCase {
    static final String ROOT_TOKEN_PREFIX = "gh_root_";

    @Override
    public Provisioned create(Command command) {
        String ownerPassword = command.ownerPassword().map(Password::value).orElseGet(() -> secrets.newSecret(16));
        Password password = new Password(ownerPassword);
        TenantSettings settings = TenantSettings.DEFAULT;
        settings.passwordPolicy().checkNewPassword(password, command.ownerEmail(), hasher.maxPasswordBytes(),
                commonPasswords);
        var hash = hasher.hash(password);
        Instant now = clock.now();
        Tenant tenant = Tenant.create(new TenantId(ids.newId()), command.name(),
                TenantDirectory.PUBLISHABLE_KEY_PREFIX + secrets.newSecret(16), settings, now);
        String rootToken = ROOT_TOKEN_PREFIX + secrets.newSecret(32);
        transactions.inTransaction(() -> {
            tenants.insert(tenant);
            tenants.setRootTokenHash(tenant.id(), SecretHashing.sha256Hex(rootToken));
            Account account = Account.open(new AccountId(ids.newId()), tenant.id(), command.name(), now);
            accounts.insert(account);
            users.insert(User.registerAsTenantRoot(new UserId(ids.newId()), tenant.id(), account.id(),
                    command.ownerEmail(), hash, now));
            return null;
        });
        return new Provisioned(tenant, rootToken, ownerPassword);
    }

    @Override
    public List<Tenant> list() {
        return tenants.findAll();
    }

    @Override
    public String rotateRootToken(TenantId tenantId) {
        tenants.findById(tenantId).orElseThrow(UnknownTenant::new);
        String rootToken = ROOT_TOKEN_PREFIX + secrets.newSecret(32);
        transactions.inTransaction(() -> {
            tenants.setRootTokenHash(tenantId, SecretHashing.sha256Hex(rootToken));
            audit.record(AuditEvent.of(tenantId, AuditEventType.ROOT_TOKEN_ROTATED, clock.now(), null)
                    .withActor(AuditEvent.OPERATOR));
            return null;
        });
        return rootToken;
    }
}
