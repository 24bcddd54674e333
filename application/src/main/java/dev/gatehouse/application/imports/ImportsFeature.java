package dev.gatehouse.application.imports;

import dev.gatehouse.application.imports.port.in.ImportUsersUseCase;
import dev.gatehouse.application.imports.port.out.UserImportStore;
import dev.gatehouse.application.port.out.AccountRepository;
import dev.gatehouse.application.support.Essentials;
import dev.gatehouse.application.tenants.TenantsFeature;

/** Wires the imports feature: users with another system's password hashes, under the tenant's root token. */
public final class ImportsFeature {
    private final ImportUsersService importUsers;

    public ImportsFeature(TenantsFeature tenants, AccountRepository accounts, UserImportStore store,
                          Essentials essentials) {
        this.importUsers = new ImportUsersService(tenants.directory(), accounts, store, essentials);
    }

    public ImportUsersUseCase importUsers() {
        return importUsers;
    }
}
