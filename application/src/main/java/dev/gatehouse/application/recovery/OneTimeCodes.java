package dev.gatehouse.application.recovery;

import dev.gatehouse.application.port.out.Clock;
import dev.gatehouse.application.port.out.IdGenerator;
import dev.gatehouse.application.recovery.port.out.OneTimeCodeRepository;
import dev.gatehouse.application.port.out.SecretGenerator;
import dev.gatehouse.application.port.out.TransactionRunner;
import dev.gatehouse.application.support.QueryStrings;
import dev.gatehouse.domain.code.CodeHash;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.code.ResetCodeAlphabet;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and checks one-time codes for the recovery services. Reset codes are {@link ResetCodeAlphabet}
 * codes (60 bits, typed by people); link codes are 256 random bits. A wrong try is counted in a unit of work
 * of its own, so it stays counted although the caller fails.
 */
record OneTimeCodes(OneTimeCodeRepository codes, SecretGenerator secrets, TransactionRunner transactions, Clock clock,
                    IdGenerator ids, Map<CodeKind, Duration> lifetimes) {
    /** 256 bits for codes that travel only in links. */
    static final int LINK_CODE_BYTES = 32;
    /** Random bytes drawn for a reset code (the generator gives no fewer than 16); its first 12 are used. */
    static final int RESET_CODE_RANDOM_BYTES = 16;
    /** Longer presented codes are refused without a look-up. */
    static final int MAX_PRESENTED_LENGTH = 200;

    OneTimeCodes {
        lifetimes = Map.copyOf(lifetimes);
    }

    /** A new code and what is stored of it (store it with {@link #store} inside the caller's unit of work). */
    Issued prepare(TenantId tenant, CodeKind kind, EmailAddress email, Optional<UserId> user) {
        String plain = kind == CodeKind.PASSWORD_RESET
                ? ResetCodeAlphabet.fromRandomBytes(Base64.getUrlDecoder().decode(secrets.newSecret(RESET_CODE_RANDOM_BYTES)))
                : secrets.newSecret(LINK_CODE_BYTES);
        OneTimeCode stored = OneTimeCode.issue(ids.newId(), tenant, kind, email, user, CodeHash.of(kind, plain),
                clock.now(), lifetime(kind));
        return new Issued(stored, plain);
    }

    void store(Issued issued) {
        codes.replace(issued.stored());
    }

    Duration lifetime(CodeKind kind) {
        return lifetimes.getOrDefault(kind, kind.defaultLifetime());
    }

    /**
     * The address's newest code of this kind, when {@code presented} is right for it now (not yet used: see
     * {@link #use}). A wrong try is counted.
     *
     * @throws InvalidCode otherwise, the same for every reason
     */
    OneTimeCode accept(TenantId tenant, CodeKind kind, EmailAddress email, String presented) {
        String presentedHash = hashOrDecoy(kind, presented);
        Optional<OneTimeCode> found = codes.findLatest(tenant, kind, email);
        if (found.isEmpty() || presentedHash == null) {
            // still compare, so that an address without a code answers in the same time
            CodeHash.matches(presentedHash == null ? "" : presentedHash, CodeHash.of(kind, ""));
            throw new InvalidCode();
        }
        OneTimeCode code = found.get();
        switch (code.check(presentedHash, clock.now())) {
            case ACCEPTED -> {
                return code;
            }
            case WRONG -> {
                transactions.inTransaction(() -> codes.recordFailedAttempt(tenant, code.id()));
                throw new InvalidCode();
            }
            default -> throw new InvalidCode();
        }
    }

    /** The live code of this kind with the presented value (link codes: looked up by hash, nothing to count). */
    OneTimeCode acceptByValue(TenantId tenant, CodeKind kind, String presented) {
        String presentedHash = hashOrDecoy(kind, presented);
        if (presentedHash == null) {
            throw new InvalidCode();
        }
        OneTimeCode code = codes.findByHash(tenant, kind, presentedHash).orElseThrow(InvalidCode::new);
        if (code.check(presentedHash, clock.now()) != OneTimeCode.Check.ACCEPTED) {
            throw new InvalidCode();
        }
        return code;
    }

    /** Inside the caller's unit of work: uses the code, or fails when a concurrent request used it first. */
    void use(OneTimeCode code, Instant now) {
        if (!codes.markUsed(code.tenantId(), code.id(), now)) {
            throw new InvalidCode();
        }
    }

    /** The hash of a plausible presented code; null for an empty or oversized one. */
    private static String hashOrDecoy(CodeKind kind, String presented) {
        if (presented == null || presented.isBlank() || presented.length() > MAX_PRESENTED_LENGTH) {
            return null;
        }
        return CodeHash.of(kind, presented);
    }

    /** {@code base} with the code and address appended to its query, URL-encoded; empty without a base. */
    static String link(String base, String code, EmailAddress email) {
        if (base == null || base.isBlank()) {
            return "";
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        parameters.put("email", email.value());
        return QueryStrings.withQuery(base, parameters);
    }

    record Issued(OneTimeCode stored, String plain) {
        @Override
        public String toString() {
            return "Issued[" + stored.kind() + " for " + stored.email() + "]";
        }
    }
}
