package dev.gatehouse.application.contract;

import static dev.gatehouse.application.contract.PersistenceMother.T0;
import static dev.gatehouse.application.contract.PersistenceMother.tenant;
import static dev.gatehouse.application.contract.PersistenceMother.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.domain.code.CodeHash;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OneTimeCodeRepository} must do; extended once per implementation. */
public abstract class OneTimeCodeRepositoryContract {
    private static final int RACERS = 12;
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private OneTimeCodeRepository codes;
    private TransactionRunner transactions;
    private Tenant tenant;
    private Tenant otherTenant;

    /** The implementation under test; called once before each test. */
    protected abstract PersistencePorts ports();

    @BeforeEach
    void setUpPortsAndTwoTenants() {
        PersistencePorts ports = ports();
        codes = ports.oneTimeCodes();
        transactions = ports.transactions();
        tenant = tenant();
        otherTenant = tenant();
        ports.tenants().insert(tenant);
        ports.tenants().insert(otherTenant);
    }

    @Test
    void findsAStoredCodeByAddressAndByHashWithEveryField() {
        EmailAddress email = uniqueEmail();
        OneTimeCode code = code(tenant, CodeKind.PASSWORD_RESET, email, Optional.of(new UserId(UUID.randomUUID())), T0);
        OneTimeCode withoutUser = code(tenant, CodeKind.MAGIC_LINK, email, Optional.empty(), T0);
        run(() -> codes.replace(code));
        run(() -> codes.replace(withoutUser));

        assertThat(codes.findLatest(tenant.id(), CodeKind.PASSWORD_RESET, email)).contains(code);
        assertThat(codes.findByHash(tenant.id(), CodeKind.PASSWORD_RESET, code.codeHash())).contains(code);
        assertThat(codes.findLatest(tenant.id(), CodeKind.MAGIC_LINK, email)).contains(withoutUser);
    }

    @Test
    void keepsCodesOfOtherKindsAddressesAndTenantsApart() {
        EmailAddress email = uniqueEmail();
        OneTimeCode code = code(tenant, CodeKind.EMAIL_VERIFICATION, email, Optional.empty(), T0);
        run(() -> codes.replace(code));

        assertThat(codes.findLatest(otherTenant.id(), CodeKind.EMAIL_VERIFICATION, email)).isEmpty();
        assertThat(codes.findLatest(tenant.id(), CodeKind.PASSWORD_RESET, email)).isEmpty();
        assertThat(codes.findLatest(tenant.id(), CodeKind.EMAIL_VERIFICATION, uniqueEmail())).isEmpty();
        assertThat(codes.findByHash(otherTenant.id(), CodeKind.EMAIL_VERIFICATION, code.codeHash())).isEmpty();
        assertThat(codes.findByHash(tenant.id(), CodeKind.MAGIC_LINK, code.codeHash())).isEmpty();
        assertThat(codes.markUsed(otherTenant.id(), code.id(), T0)).isFalse();
        assertThat(codes.recordFailedAttempt(otherTenant.id(), code.id())).isZero();
        assertThat(codes.findLatest(tenant.id(), CodeKind.EMAIL_VERIFICATION, email)).contains(code);
    }

    @Test
    void aNewCodeReplacesTheEarlierOneOfTheSameKindForTheSameAddressOnly() {
        EmailAddress email = uniqueEmail();
        OneTimeCode first = code(tenant, CodeKind.PASSWORD_RESET, email, Optional.empty(), T0);
        OneTimeCode otherKind = code(tenant, CodeKind.MAGIC_LINK, email, Optional.empty(), T0);
        OneTimeCode second = code(tenant, CodeKind.PASSWORD_RESET, email, Optional.empty(), T0.plusSeconds(5));
        run(() -> codes.replace(first));
        run(() -> codes.replace(otherKind));
        run(() -> codes.replace(second));

        assertThat(codes.findLatest(tenant.id(), CodeKind.PASSWORD_RESET, email)).contains(second);
        assertThat(codes.findByHash(tenant.id(), CodeKind.PASSWORD_RESET, first.codeHash())).isEmpty();
        assertThat(codes.findLatest(tenant.id(), CodeKind.MAGIC_LINK, email)).contains(otherKind);
    }

    @Test
    void deletesEveryKindOfCodeOfOneAddressInOneTenantOnly() {
        EmailAddress email = uniqueEmail();
        EmailAddress other = uniqueEmail();
        List<OneTimeCode> ofAddress = java.util.Arrays.stream(CodeKind.values())
                .map(kind -> code(tenant, kind, email, Optional.empty(), T0)).toList();
        OneTimeCode otherAddress = code(tenant, CodeKind.PASSWORD_RESET, other, Optional.empty(), T0);
        OneTimeCode otherTenantsCode = code(otherTenant, CodeKind.PASSWORD_RESET, email, Optional.empty(), T0);
        run(() -> ofAddress.forEach(codes::replace));
        run(() -> codes.replace(otherAddress));
        run(() -> codes.replace(otherTenantsCode));

        assertThat(inTransaction(() -> codes.deleteForAddress(tenant.id(), email))).isEqualTo(ofAddress.size());

        for (CodeKind kind : CodeKind.values()) {
            assertThat(codes.findLatest(tenant.id(), kind, email)).isEmpty();
        }
        assertThat(codes.findLatest(tenant.id(), CodeKind.PASSWORD_RESET, other)).contains(otherAddress);
        assertThat(codes.findLatest(otherTenant.id(), CodeKind.PASSWORD_RESET, email)).contains(otherTenantsCode);
        assertThat(inTransaction(() -> codes.deleteForAddress(tenant.id(), email))).isZero();
    }

    @Test
    void usesALiveCodeOnceAndRecordsWhen() {
        OneTimeCode code = stored(T0);
        Instant now = T0.plusSeconds(60);

        assertThat(codes.markUsed(tenant.id(), code.id(), now)).isTrue();
        assertThat(codes.markUsed(tenant.id(), code.id(), now.plusSeconds(1))).isFalse();

        assertThat(codes.findLatest(tenant.id(), code.kind(), code.email()))
                .hasValueSatisfying(found -> assertThat(found.usedAt()).contains(now));
    }

    @Test
    void refusesToUseAnExpiredCode() {
        OneTimeCode code = stored(T0);

        assertThat(codes.markUsed(tenant.id(), code.id(), code.expiresAt())).isFalse();
        assertThat(codes.findLatest(tenant.id(), code.kind(), code.email()))
                .hasValueSatisfying(found -> assertThat(found.usedAt()).isEmpty());
    }

    @Test
    void countsWrongTriesAndRefusesToUseTheCodeAfterTheFifth() {
        OneTimeCode code = stored(T0);
        for (int i = 1; i < OneTimeCode.MAX_FAILED_ATTEMPTS; i++) {
            assertThat(codes.recordFailedAttempt(tenant.id(), code.id())).isEqualTo(i);
        }
        OneTimeCode afterFour = codes.findLatest(tenant.id(), code.kind(), code.email()).orElseThrow();
        assertThat(afterFour.failedAttempts()).isEqualTo(OneTimeCode.MAX_FAILED_ATTEMPTS - 1);
        assertThat(afterFour.isLiveAt(T0)).isTrue();

        assertThat(codes.recordFailedAttempt(tenant.id(), code.id())).isEqualTo(OneTimeCode.MAX_FAILED_ATTEMPTS);

        assertThat(codes.markUsed(tenant.id(), code.id(), T0.plusSeconds(1))).isFalse();
        assertThat(codes.findLatest(tenant.id(), code.kind(), code.email()).orElseThrow()
                .check(code.codeHash(), T0.plusSeconds(1))).isEqualTo(OneTimeCode.Check.EXHAUSTED);
    }

    @Test
    void ofConcurrentUsesExactlyOneWins() throws InterruptedException {
        OneTimeCode code = stored(T0);

        List<Boolean> won = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> codes.markUsed(tenant.id(), code.id(), T0.plusSeconds(1))));

        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    void concurrentWrongTriesAreAllCounted() throws InterruptedException {
        OneTimeCode code = stored(T0);

        List<Integer> counts = Race.run(RACERS, i -> () -> transactions.inTransaction(
                () -> codes.recordFailedAttempt(tenant.id(), code.id())));

        assertThat(counts).doesNotHaveDuplicates();
        assertThat(codes.findLatest(tenant.id(), code.kind(), code.email()).orElseThrow().failedAttempts())
                .isEqualTo(RACERS);
    }

    @Test
    void deletesOnlyCodesThatExpiredBeforeTheGivenTime() {
        OneTimeCode old = stored(T0.minus(Duration.ofDays(2)));
        OneTimeCode fresh = stored(T0);

        int deleted = inTransaction(() -> codes.deleteExpired(T0));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(codes.findLatest(tenant.id(), old.kind(), old.email())).isEmpty();
        assertThat(codes.findLatest(tenant.id(), fresh.kind(), fresh.email())).contains(fresh);
    }

    private OneTimeCode stored(Instant created) {
        OneTimeCode code = code(tenant, CodeKind.MAGIC_LINK, uniqueEmail(), Optional.empty(), created);
        run(() -> codes.replace(code));
        return code;
    }

    private static OneTimeCode code(Tenant tenant, CodeKind kind, EmailAddress email, Optional<UserId> user,
                                    Instant created) {
        return OneTimeCode.issue(UUID.randomUUID(), tenant.id(), kind, email, user,
                CodeHash.of(kind, UUID.randomUUID().toString()), created, LIFETIME);
    }

    private void run(Runnable work) {
        transactions.inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.inTransaction(work);
    }
}
