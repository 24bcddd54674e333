package dev.gatehouse.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.application.contract.PersistenceMother;
import dev.gatehouse.application.support.port.out.PersonalDataStore;
import dev.gatehouse.application.support.UserDeletion;
import dev.gatehouse.domain.account.Account;
import dev.gatehouse.domain.audit.AuditEvent;
import dev.gatehouse.domain.audit.AuditEventType;
import dev.gatehouse.domain.code.CodeKind;
import dev.gatehouse.domain.code.OneTimeCode;
import dev.gatehouse.domain.emailchange.EmailChangeRevert;
import dev.gatehouse.domain.emailchange.PendingEmailChange;
import dev.gatehouse.domain.invitation.Invitation;
import dev.gatehouse.domain.invitation.InvitationId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.mail.MailKind;
import dev.gatehouse.domain.mail.OutboxMail;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Session;
import dev.gatehouse.domain.tenant.Tenant;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting a user on a real database leaves nothing of them behind: after {@link UserDeletion} every column of every
 * table is searched for the user's id and address, and the only places left are the ones ADR 0025 allows (the
 * revoked session rows, without client details, until they expire; audit events naming the id). A new table that
 * holds a user id or an address and is not erased fails this test.
 */
abstract class PersonalDataStoreTests {
    private Database db;
    private DSLContext dsl;
    private Tenant tenant;

    protected abstract DatabaseExtension database();

    @BeforeEach
    void setUp() {
        db = database().database();
        dsl = db.dsl();
        tenant = PersistenceMother.tenant();
        db.tenants().insert(tenant);
    }

    @Test
    void deletingAUserLeavesNeitherTheirIdNorTheirAddressAnywhereButWhereTheAdrAllows() {
        Account account = PersistenceMother.account(tenant);
        db.accounts().insert(account);
        User user = PersistenceMother.user(account, PersistenceMother.uniqueEmail())
                .withProfile(new UserProfile("Dana", "https://cdn.example/d.png", "{\"k\":1}"));
        db.users().insert(user);
        Account kept = PersistenceMother.account(tenant);
        db.accounts().insert(kept);
        User colleague = PersistenceMother.user(kept, PersistenceMother.uniqueEmail());
        db.users().insert(colleague);
        Instant now = Instant.now();
        Session session = PersistenceMother.withClient(PersistenceMother.session(user, now),
                new ClientInfo("203.0.113.9", "Dana's browser"));
        db.sessions().insert(session);
        db.refreshGrants().insert(PersistenceMother.refreshGrant(session, now));
        Session colleagues = PersistenceMother.session(colleague, now);
        db.sessions().insert(colleagues);
        var colleaguesGrant = PersistenceMother.refreshGrant(colleagues, now);
        db.refreshGrants().insert(colleaguesGrant);
        db.oneTimeCodes().replace(OneTimeCode.issue(UUID.randomUUID(), tenant.id(), CodeKind.PASSWORD_RESET,
                user.email(), Optional.of(user.id()), PersistenceMother.tokenHash(), now, Duration.ofHours(1)));
        db.mailOutbox().enqueue(OutboxMail.pending(UUID.randomUUID(), tenant.id(), MailKind.PASSWORD_RESET,
                user.email().value(), "noreply@gatehouse.test", "Gatehouse", "Reset", "text", "<p>html</p>", now));
        db.auditLog().record(AuditEvent.of(tenant.id(), AuditEventType.LOGIN_FAILED, now, ClientInfo.UNKNOWN)
                .withDetail("reason", "unknownEmail").withDetail("email", user.email().value()));
        db.emailChanges().replacePending(PendingEmailChange.start(UUID.randomUUID(), tenant.id(), user.id(),
                PersistenceMother.uniqueEmail(), PersistenceMother.tokenHash(), now, Duration.ofHours(1)));
        db.emailChanges().insertRevert(EmailChangeRevert.issue(tenant.id(), user.id(), PersistenceMother.uniqueEmail(),
                user.email(), PersistenceMother.tokenHash(), now));
        db.emailChanges().replacePending(PendingEmailChange.start(UUID.randomUUID(), tenant.id(), colleague.id(),
                user.email(), PersistenceMother.tokenHash(), now, Duration.ofHours(1)));
        db.auditLog().record(AuditEvent.of(tenant.id(), AuditEventType.LOGIN_SUCCEEDED, now, ClientInfo.UNKNOWN)
                .withActor(user.id()).withSubject(user.id()));
        db.auditLog().record(AuditEvent.of(tenant.id(), AuditEventType.LOGIN_FAILED, now, ClientInfo.UNKNOWN)
                .withDetail("reason", "unknownEmail").withDetail("email", colleague.email().value()));

        // an invitation the user sent (to the colleague's account) and one to the user's address (from that account)
        db.invitations().insert(Invitation.issue(new InvitationId(UUID.randomUUID()), tenant.id(), kept.id(),
                PersistenceMother.uniqueEmail(), Role.USER, PersistenceMother.tokenHash(), Optional.of(user.id()), now));
        db.invitations().insert(Invitation.issue(new InvitationId(UUID.randomUUID()), tenant.id(), kept.id(),
                user.email(), Role.USER, PersistenceMother.tokenHash(), Optional.of(colleague.id()), now));
        Invitation unrelated = Invitation.issue(new InvitationId(UUID.randomUUID()), tenant.id(), kept.id(),
                PersistenceMother.uniqueEmail(), Role.USER, PersistenceMother.tokenHash(), Optional.of(colleague.id()),
                now);
        db.invitations().insert(unrelated);

        UserDeletion.Deleted deleted = db.transactions().inTransaction(() ->
                new UserDeletion(db.users(), db.sessions(), db.personalData()).delete(user, now));

        assertThat(deleted.endedSessions()).extracting(Session::id).containsExactly(session.id());
        assertThat(deleted.accountDeleted()).isTrue();
        assertThat(deleted.erased()).isEqualTo(new PersonalDataStore.Erased(1, 1, 2, 1, 1));
        assertThat(whereFound(user.id().value().toString())).containsExactlyInAnyOrder(
                "user_session.user_id", "audit_event.actor", "audit_event.subject");
        assertThat(whereFound(user.email().value())).isEmpty();
        assertThat(whereFound("203.0.113.9")).isEmpty();
        assertThat(whereFound("Dana")).isEmpty();
        assertThat(whereFound(account.id().value().toString())).as("the revoked session row only")
                .containsExactly("user_session.account_id");

        assertThat(db.users().findById(tenant.id(), colleague.id())).contains(colleague);
        assertThat(db.refreshGrants().findByHash(colleaguesGrant.tokenHash())).isPresent();
        assertThat(whereFound(colleague.email().value())).as("the colleague's audit detail stays")
                .containsExactlyInAnyOrder("app_user.email", "audit_event.details");
        assertThat(db.accounts().findById(tenant.id(), kept.id())).isPresent();
        assertThat(db.invitations().findPending(tenant.id(), kept.id(), now, Optional.empty(), 10))
                .extracting(Invitation::id).containsExactly(unrelated.id());
    }

    @Test
    void deletesAnAccountOnlyOnceItHasNoMember() {
        Account account = PersistenceMother.account(tenant);
        db.accounts().insert(account);
        User member = PersistenceMother.user(account, PersistenceMother.uniqueEmail());
        db.users().insert(member);
        assertThat(db.personalData().deleteAccountIfEmpty(tenant.id(), account.id())).isFalse();
        db.users().delete(tenant.id(), member.id());
        Tenant other = PersistenceMother.tenant();
        db.tenants().insert(other);
        assertThat(db.personalData().deleteAccountIfEmpty(other.id(), account.id())).as("another tenant's").isFalse();
        assertThat(db.personalData().deleteAccountIfEmpty(tenant.id(), account.id())).isTrue();
        assertThat(db.accounts().findById(tenant.id(), account.id())).isEmpty();
    }

    /** Every {@code table.column} whose text (plain or form-encoded) or uuid holds the value, in Gatehouse's tables. */
    private List<String> whereFound(String value) {
        List<String> found = new ArrayList<>();
        var columns = dsl.select(DSL.field("table_name", String.class), DSL.field("column_name", String.class),
                        DSL.field("data_type", String.class))
                .from("information_schema.columns")
                .where(DSL.lower(DSL.field("table_schema", String.class)).eq("public"))
                .fetch();
        for (Record column : columns) {
            String table = column.get(0, String.class).toLowerCase(Locale.ROOT);
            String name = column.get(1, String.class).toLowerCase(Locale.ROOT);
            String type = column.get(2, String.class).toLowerCase(Locale.ROOT);
            if (table.startsWith("flyway")) {
                continue;
            }
            boolean text = type.contains("char") || type.contains("text");
            boolean uuid = type.equals("uuid");
            if (!text && !uuid) {
                continue;
            }
            var field = DSL.field(DSL.name(table, name));
            // Audit details are form-encoded: look for the encoded form too.
            String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
            var condition = text ? DSL.field(DSL.name(table, name), String.class).contains(value)
                    .or(DSL.field(DSL.name(table, name), String.class).contains(encoded))
                    : DSL.cast(field, String.class).eq(value);
            if (dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name(table))).where(condition))) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
