package dev.gatehouse.application.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.application.fakes.FakeWorld;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.HashInput;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Line;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.LineError;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Result;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Row;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase.Unreadable;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.apikey.Scope;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.error.ImportInProgress;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.PasswordHash;
import dev.gatehouse.domain.user.User;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The import of users with other systems' password hashes (ADR 0028), on the in-memory fakes. */
class ImportUsersTest {
    private static final String BCRYPT = "$2b$04$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";
    private static final String KEY32 = b64(32);
    private static final String KEY64 = b64(64);

    private final FakeWorld world = new FakeWorld();
    private final Tenant tenant = world.newTenant("pk_import");
    private final RootAuthority root = new RootAuthority(tenant.id());
    private final ImportUsersUseCase imports = world.useCases.imports.importUsers();

    @Test
    void importsNewAccountOwnersAndMembersOfAnAccountWithTheirHashesAsGivenAndHashesNothing() {
        Account existing = Account.open(new AccountId(UUID.randomUUID()), tenant.id(), "Existing", world.clock.now());
        world.accounts.insert(existing);
        String argon2 = "$argon2id$v=19$m=65536,t=3,p=4$" + b64(16).replace("=", "") + "$" + KEY32.replace("=", "");

        Result result = run(
                row(1, "Owner@Example.com", new HashInput.Encoded(BCRYPT), true, "Zoë", "{\"plan\":\"pro\"}", null, null),
                row(2, "member@example.com", new HashInput.Encoded(argon2), false, null, null,
                        existing.id().toString(), null),
                row(3, "admin@example.com", new HashInput.Keycloak("pbkdf2-sha256", 27_500, "AAECAw==", KEY32), false,
                        null, null, existing.id().toString(), Role.ACCOUNT_ADMIN),
                row(4, "django@example.com", new HashInput.Encoded("pbkdf2_sha512$600000$Pq8dS3$" + KEY64), false,
                        null, null, null, Role.ACCOUNT_ADMIN),
                row(5, "nopassword@example.com", null, false, null, null, null, null));

        assertThat(result).isEqualTo(new Result(5, 0, 0, List.of()));
        User owner = user("owner@example.com");
        assertThat(owner.role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(owner.emailVerified()).isTrue();
        assertThat(owner.passwordHash().encoded()).isEqualTo(BCRYPT);
        assertThat(owner.profile().name()).isEqualTo("Zoë");
        assertThat(owner.profile().metadataJson()).isEqualTo("{\"plan\":\"pro\"}");
        assertThat(world.accounts.findById(tenant.id(), owner.accountId()).orElseThrow().name())
                .isEqualTo("owner@example.com");
        assertThat(user("member@example.com").accountId()).isEqualTo(existing.id());
        assertThat(user("member@example.com").role()).isEqualTo(Role.USER);
        assertThat(user("admin@example.com").role()).isEqualTo(Role.ACCOUNT_ADMIN);
        assertThat(user("admin@example.com").passwordHash().encoded())
                .as("Keycloak's credential in its one stored form").isEqualTo("pbkdf2_sha256$27500$b64:AAECAw==$" + KEY32);
        assertThat(user("nopassword@example.com").passwordHash()).isEqualTo(PasswordHash.NONE);
        assertThat(user("django@example.com").accountId()).isNotIn(existing.id(), owner.accountId());
        assertThat(world.hasher.hashes() + world.hasher.verifications()).as("nothing hashed").isZero();
    }

    @Test
    void eachRefusedLineIsReportedWithItsReasonWhileTheOthersImport() {
        Tenant other = world.newTenant("pk_other");
        Account foreign = Account.open(new AccountId(UUID.randomUUID()), other.id(), "Foreign", world.clock.now());
        world.accounts.insert(foreign);
        Map<String, Row> bad = new java.util.LinkedHashMap<>();
        bad.put("email: ", row(0, "not-an-address", null, false, null, null, null, null));
        bad.put("email: is required", row(0, null, null, false, null, null, null, null));
        bad.put("bcrypt cost 15 is outside the accepted 4 to 14", hashed(BCRYPT.replace("$04$", "$15$")));
        bad.put("bcrypt cost 3 is outside", hashed(BCRYPT.replace("$04$", "$03$")));
        bad.put("not a well-formed bcrypt hash", hashed("$2b$04$short"));
        bad.put("Argon2 memory 131072 KiB is outside", hashed(argon2("m=131072,t=3,p=1")));
        bad.put("Argon2 iterations 11 are outside", hashed(argon2("m=65536,t=11,p=1")));
        bad.put("Argon2 parallelism 5 is outside", hashed(argon2("m=65536,t=1,p=5")));
        bad.put("PBKDF2 iterations must be a number from 1000 to 2000000, not '2000001'",
                hashed("pbkdf2_sha256$2000001$salt$" + KEY32));
        bad.put("not '999'", hashed("pbkdf2_sha256$999$salt$" + KEY32));
        bad.put("a pbkdf2_sha256 key must be 32 bytes, not 64", hashed("pbkdf2_sha256$1000$salt$" + KEY64));
        bad.put("a pbkdf2_sha512 key must be 64 bytes, not 32", hashed("pbkdf2_sha512$1000$salt$" + KEY32));
        bad.put("text salt must be printable ASCII", hashed("pbkdf2_sha256$1000$sa:lt$" + KEY32));
        bad.put("PBKDF2 with HMAC-SHA-1 is not accepted", hashed("pbkdf2_sha1$1000$salt$" + b64(20)));
        bad.put("Keycloak's pbkdf2 (HMAC-SHA-1) hashes are not accepted",
                row(0, "kc@example.com", new HashInput.Keycloak("pbkdf2", 27_500, "AAEC", b64(20)), false, null, null,
                        null, null));
        bad.put("MD5 hashes are not accepted", hashed("md5$salt$5f4dcc3b5aa765d61d8327deb882cf99"));
        bad.put("scrypt hashes are not accepted", hashed("scrypt$16384$8$1$salt$abc"));
        bad.put("unsupported hash format", hashed("hunter2"));
        bad.put("role: root is never imported", row(0, "r@example.com", null, false, null, null, null, Role.ROOT));
        bad.put("role: a user without accountId", row(0, "u@example.com", null, false, null, null, null, Role.USER));
        bad.put("accountId: no account " + foreign.id(), row(0, "f@example.com", null, false, null, null,
                foreign.id().toString(), null));
        bad.put("accountId: ", row(0, "g@example.com", null, false, null, null, "not-a-uuid", null));
        bad.put("metadata: must be at most 8192 bytes", row(0, "m@example.com", null, false, null,
                "{\"a\":\"" + "x".repeat(8200) + "\"}", null, null));
        bad.put("name: must not contain control", row(0, "n@example.com", null, false, "a\u0007b", null, null, null));
        List<Line> lines = new ArrayList<>();
        lines.add(row(1, "first@example.com", null, false, null, null, null, null));
        List<String> expected = new ArrayList<>(bad.keySet());
        for (Row r : bad.values()) {
            lines.add(new Row(lines.size() + 1, r.email(), r.passwordHash(), false, r.name(), r.metadataJson(),
                    r.accountId(), r.role()));
        }
        lines.add(new Unreadable(lines.size() + 1, "not valid JSON (at column 3)"));
        expected.add("not valid JSON (at column 3)");
        lines.add(row(lines.size() + 1, "last@example.com", null, false, null, null, null, null));

        Result result = imports.importUsers(new ImportUsersUseCase.Command(root, lines.iterator()));

        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(expected.size());
        assertThat(result.errors()).extracting(LineError::line)
                .containsExactlyElementsOf(IntStream.rangeClosed(2, expected.size() + 1).mapToObj(i -> (long) i).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(result.errors().get(i).error()).as("line " + (i + 2)).contains(expected.get(i));
            assertThat(result.errors().get(i).error()).as("no hash echoed").doesNotContain(KEY32).doesNotContain(KEY64);
        }
        assertThat(world.users.findByEmail(tenant.id(), new EmailAddress("last@example.com"))).isPresent();
        assertThat(world.users.findByEmail(tenant.id(), new EmailAddress("r@example.com"))).isEmpty();
    }

    @Test
    void aSecondRunSkipsEveryLineAndChangesNothingAndARepeatedAddressInOneFileIsSkipped() {
        Supplier<List<Line>> file = () -> List.of(
                row(1, "a@example.com", new HashInput.Encoded(BCRYPT), false, null, null, null, null),
                row(2, "b@example.com", null, false, null, null, null, null),
                row(3, "A@example.com", null, true, "Other", null, null, null));

        assertThat(imports.importUsers(new ImportUsersUseCase.Command(root, file.get().iterator())))
                .isEqualTo(new Result(2, 1, 0, List.of()));
        User before = user("a@example.com");
        int accounts = world.accounts.count();

        assertThat(imports.importUsers(new ImportUsersUseCase.Command(root, file.get().iterator())))
                .isEqualTo(new Result(0, 3, 0, List.of()));
        assertThat(user("a@example.com")).isEqualTo(before);
        assertThat(world.accounts.count()).as("no account for a skipped line").isEqualTo(accounts);
    }

    @Test
    void errorsStopAtAThousandWhileTheCountsGoOnOverManyBatches() {
        int good = 1_234;
        int badLines = 1_100;
        Iterator<Line> lines = IntStream.rangeClosed(1, good + badLines).mapToObj(i -> i % 2 == 0 && i / 2 <= badLines
                ? (Line) new Unreadable(i, "broken")
                : row(i, "user" + i + "@example.com", null, false, null, null, null, null)).iterator();

        Result result = imports.importUsers(new ImportUsersUseCase.Command(root, lines));

        assertThat(result.imported()).isEqualTo(good);
        assertThat(result.failed()).isEqualTo(badLines);
        assertThat(result.errors()).hasSize(ImportUsersUseCase.MAX_ERRORS);
        assertThat(result.errors().getLast().line()).isEqualTo(2_000);
        assertThat(world.users.count()).isEqualTo(good);
    }

    @Test
    void theLinesReadBeforeTheFileBreaksOffAreStoredAndTheAuditEventSaysSo() {
        AtomicInteger read = new AtomicInteger();
        Iterator<Line> breaksAt700 = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Line next() {
                int n = read.incrementAndGet();
                if (n > 700) {
                    throw new IllegalStateException("the body went over its limit");
                }
                return row(n, "cut" + n + "@example.com", null, false, null, null, null, null);
            }
        };

        assertThatThrownBy(() -> imports.importUsers(new ImportUsersUseCase.Command(root, breaksAt700)))
                .hasMessageContaining("over its limit");

        assertThat(world.users.count()).as("a full batch of 500 and the 200 read after it").isEqualTo(700);
        AuditEvent event = world.audit.events(AuditEventType.USERS_IMPORTED).getLast();
        assertThat(event.details()).containsEntry("imported", "700").containsEntry("completed", "false");
    }

    @Test
    void onlyTheRootTokenImportsASecretKeyWithEveryScopeIsRefusedBeforeALineIsRead() {
        AtomicInteger read = new AtomicInteger();
        Iterator<Line> counting = List.<Line>of(row(1, "k@example.com", null, false, null, null, null, null))
                .stream().peek(l -> read.incrementAndGet()).iterator();
        RootAuthority key = RootAuthority.ofSecretKey(tenant.id(), Scope.ALL, UUID.randomUUID());

        assertThatThrownBy(() -> imports.importUsers(new ImportUsersUseCase.Command(key, counting)))
                .isInstanceOf(NotPermitted.class).hasMessageContaining("root token");
        assertThat(read).hasValue(0);
        assertThat(world.audit.events(AuditEventType.USERS_IMPORTED)).isEmpty();
    }

    @Test
    void oneImportAtATimePerTenantWhileAnotherTenantImportsAlongside() {
        Tenant other = world.newTenant("pk_import_other");
        List<Throwable> second = new ArrayList<>();
        List<Result> alongside = new ArrayList<>();
        Iterator<Line> first = List.<Line>of(row(1, "one@example.com", null, false, null, null, null, null)).stream()
                .peek(line -> {
                    try {
                        run(row(1, "two@example.com", null, false, null, null, null, null));
                    } catch (ImportInProgress refused) {
                        second.add(refused);
                    }
                    alongside.add(imports.importUsers(new ImportUsersUseCase.Command(new RootAuthority(other.id()),
                            List.<Line>of(row(1, "two@example.com", null, false, null, null, null, null)).iterator())));
                }).iterator();

        assertThat(imports.importUsers(new ImportUsersUseCase.Command(root, first)).imported()).isEqualTo(1);
        assertThat(second).singleElement().isInstanceOf(ImportInProgress.class);
        assertThat(alongside).singleElement().extracting(Result::imported).isEqualTo(1L);
        assertThat(run(row(1, "three@example.com", null, false, null, null, null, null)).imported())
                .as("free again once the first ended").isEqualTo(1);
    }

    @Test
    void eachImportIsOneAuditEventOfTheRootTokenWithCountsAndNoHash() {
        run(row(1, "x@example.com", new HashInput.Encoded(BCRYPT), false, null, null, null, null),
                row(2, "x@example.com", null, false, null, null, null, null),
                hashed("md5$salt$5f4dcc3b5aa765d61d8327deb882cf99"));

        List<AuditEvent> events = world.audit.events(AuditEventType.USERS_IMPORTED);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(AuditEvent.ROOT);
            assertThat(event.details()).isEqualTo(Map.of("imported", "1", "skipped", "1", "failed", "1",
                    "completed", "true"));
        });
        assertThat(world.audit.events().stream().map(Object::toString).collect(Collectors.joining()))
                .doesNotContain(BCRYPT);
    }

    private Result run(Line... lines) {
        return imports.importUsers(new ImportUsersUseCase.Command(root, List.of(lines).iterator()));
    }

    private User user(String email) {
        return world.users.findByEmail(tenant.id(), new EmailAddress(email)).orElseThrow();
    }

    private static Row row(long n, String email, HashInput hash, boolean verified, String name, String metadata,
                           String accountId, Role role) {
        return new Row(n, email, hash, verified, name, metadata, accountId, role);
    }

    private static Row hashed(String encoded) {
        return row(0, "h" + UUID.randomUUID() + "@example.com", new HashInput.Encoded(encoded), false, null, null, null,
                null);
    }

    private static String argon2(String parameters) {
        return "$argon2id$v=19$" + parameters + "$" + b64(16).replace("=", "") + "$" + KEY32.replace("=", "");
    }

    private static String b64(int bytes) {
        byte[] value = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            value[i] = (byte) (i * 7 + 1);
        }
        return Base64.getEncoder().encodeToString(value);
    }
}
