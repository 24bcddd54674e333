package dev.gatehouse.adapters.persistence;

import dev.gatehouse.domain.user.SecurityStamp;
import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.account;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.tokenHash;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static dev.gatehouse.application.contract.PersistenceMother.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.mfa.MfaChallenge;
import dev.gatehouse.domain.mfa.MfaChallenge.Purpose;
import dev.gatehouse.domain.mfa.RecoveryCode;
import dev.gatehouse.domain.mfa.SealedTotpSecret;
import dev.gatehouse.domain.mfa.TotpFactor;
import dev.gatehouse.domain.mfa.TotpStep;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What V15's and V16's foreign keys do, which the repository contracts cannot see (the in-memory fakes have no
 * users to follow): a deleted user's factor, recovery codes and open challenges go with the user, and each names a
 * user of its own tenant or is refused.
 */
class MfaSchemaIT {
    private static final String DATABASES = "dev.gatehouse.adapters.persistence.DatabaseIT#databases";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @MethodSource(DATABASES)
    void deletingAUserDeletesItsFactorAndRecoveryCodes(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            User ada = userOfANewTenant(database);
            database.transactions().inTransaction(() -> {
                database.mfa().savePendingTotp(TotpFactor.enrol(ada.tenantId(), ada.id(), new SealedTotpSecret("sealed"), T0));
                database.mfa().confirmTotp(ada.tenantId(), ada.id(), TotpStep.at(T0), T0);
                database.mfa().replaceRecoveryCodes(ada.tenantId(), ada.id(),
                        List.of(RecoveryCode.parse("code", "ABCD-EFGH-JKLM").hash(ada.id())), T0);
                return null;
            });

            assertThat(database.transactions().inTransaction(() -> database.users().delete(ada.tenantId(), ada.id())))
                    .isTrue();

            assertThat(database.mfa().findTotp(ada.tenantId(), ada.id())).isEmpty();
            assertThat(database.mfa().countUnusedRecoveryCodes(ada.tenantId(), ada.id())).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void deletingAUserDeletesItsOpenChallenges(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            User ada = userOfANewTenant(database);
            MfaChallenge challenge = MfaChallenge.issue(tokenHash(), ada.tenantId(), ada.id(), Purpose.VERIFY, T0, SecurityStamp.INITIAL);
            database.mfaChallenges().insert(challenge);

            assertThat(database.transactions().inTransaction(() -> database.users().delete(ada.tenantId(), ada.id())))
                    .isTrue();

            assertThat(database.mfaChallenges().find(challenge.tokenHash())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void refusesAChallengeForAUserOfAnotherTenant(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            User ada = userOfANewTenant(database);
            Tenant other = tenant();
            database.tenants().insert(other);
            MfaChallenge elsewhere = MfaChallenge.issue(tokenHash(), other.id(), ada.id(), Purpose.ENROL, T0, SecurityStamp.INITIAL);

            assertThatThrownBy(() -> database.mfaChallenges().insert(elsewhere)).isInstanceOf(DataAccessException.class);
            assertThat(database.mfaChallenges().find(elsewhere.tokenHash())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void refusesAFactorOrCodesForAUserOfAnotherTenant(Function<Path, Database> opener) {
        try (Database database = opener.apply(dataDir)) {
            database.migrate();
            User ada = userOfANewTenant(database);
            Tenant other = tenant();
            database.tenants().insert(other);

            assertThatThrownBy(() -> database.mfa().savePendingTotp(
                    TotpFactor.enrol(other.id(), ada.id(), new SealedTotpSecret("sealed"), T0)))
                    .isInstanceOf(DataAccessException.class);
            assertThatThrownBy(() -> database.mfa().replaceRecoveryCodes(other.id(), ada.id(),
                    List.of(RecoveryCode.parse("code", "ABCD-EFGH-JKLM").hash(ada.id())), T0))
                    .isInstanceOf(DataAccessException.class);
        }
    }

    private static User userOfANewTenant(Database database) {
        Tenant tenant = tenant();
        Account account = account(tenant);
        User user = user(account, uniqueEmail());
        database.tenants().insert(tenant);
        database.accounts().insert(account);
        database.users().insert(user);
        return user;
    }
}
