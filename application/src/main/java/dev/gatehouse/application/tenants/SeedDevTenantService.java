package dev.gatehouse.application.tenants;

import dev.gatehouse.application.tenants.port.in.SeedDevTenantUseCase;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.TenantRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.policy.PasswordPolicy;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.tenant.TenantSettings;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

record SeedDevTenantService(TenantRepository tenants, AccountRepository accounts, UserRepository users,
                            PasswordHasher hasher, TransactionRunner transactions, Clock clock, IdGenerator ids)
        implements SeedDevTenantUseCase {
    @Override
    public Result seed() {
        Optional<Tenant> existing = existing();
        if (existing.isPresent()) {
            return new Result(existing.get(), false);
        }
        var hash = hasher.hash(new Password(DEV_ROOT_PASSWORD));
        Instant now = clock.now();
        try {
            Tenant tenant = transactions.inTransaction(() -> {
                Tenant dev = Tenant.create(DEV_TENANT_ID, "Dev tenant", DEV_PUBLIC_KEY,
                        new TenantSettings(Set.of(TenantSettings.ANY_ORIGIN), PasswordPolicy.DEFAULT), now);
                tenants.insert(dev);
                Account account = Account.open(new AccountId(ids.newId()), dev.id(), "Dev tenant owner", now);
                accounts.insert(account);
                users.insert(User.registerAsTenantRoot(new UserId(ids.newId()), dev.id(), account.id(),
                        new EmailAddress(DEV_ROOT_EMAIL), hash, now));
                return dev;
            });
            return new Result(tenant, true);
        } catch (RuntimeException raced) {
            // Another process seeded it at the same moment: its tenant is as good as ours.
            return existing().map(t -> new Result(t, false)).orElseThrow(() -> raced);
        }
    }

    @Override
    public boolean present() {
        return existing().isPresent();
    }

    /** The dev tenant by its fixed id, else one seeded before the id was fixed (by its key, in any state). */
    private Optional<Tenant> existing() {
        return tenants.findById(DEV_TENANT_ID)
                .or(() -> tenants.findHolderOfPublishableKey(DEV_PUBLIC_KEY).flatMap(tenants::findById));
    }
}
