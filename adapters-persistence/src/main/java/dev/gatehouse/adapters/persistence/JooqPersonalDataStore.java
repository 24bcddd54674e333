package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.ACCOUNT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.APP_USER;
import static dev.gatehouse.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.EMAIL_CHANGE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.INVITATION;
import static dev.gatehouse.adapters.persistence.jooq.Tables.MAIL_OUTBOX;
import static dev.gatehouse.adapters.persistence.jooq.Tables.OAUTH_FLOW;
import static dev.gatehouse.adapters.persistence.jooq.Tables.OAUTH_GRANT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.ONE_TIME_CODE;
import static dev.gatehouse.adapters.persistence.jooq.Tables.REFRESH_GRANT;
import static dev.gatehouse.adapters.persistence.jooq.Tables.USER_SESSION;

import dev.gatehouse.application.support.port.out.PersonalDataStore;
import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Erases a deleted user's personal data from every table that holds some (docs/adr/0025-personal-data-on-deletion.md).
 * The audit log is append-only except for this one statement family: an event whose details name the deleted
 * user's address loses that detail (the event, its type, time and the user's id stay).
 */
final class JooqPersonalDataStore extends JooqStore implements PersonalDataStore {
    JooqPersonalDataStore(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public Erased eraseUser(TenantId tenant, UserId user, EmailAddress email) {
        UUID tenantId = tenant.value();
        UUID userId = user.value();
        var sessionsOfUser = DSL.select(USER_SESSION.ID).from(USER_SESSION)
                .where(USER_SESSION.TENANT_ID.eq(tenantId)).and(USER_SESSION.USER_ID.eq(userId));
        int grants = dsl.deleteFrom(REFRESH_GRANT).where(REFRESH_GRANT.SESSION_ID.in(sessionsOfUser)).execute();
        dsl.update(USER_SESSION).set(USER_SESSION.IP_ADDRESS, "").set(USER_SESSION.USER_AGENT, "")
                .where(USER_SESSION.TENANT_ID.eq(tenantId)).and(USER_SESSION.USER_ID.eq(userId)).execute();
        int codes = dsl.deleteFrom(ONE_TIME_CODE).where(ONE_TIME_CODE.TENANT_ID.eq(tenantId))
                .and(ONE_TIME_CODE.USER_ID.eq(userId).or(ONE_TIME_CODE.EMAIL.eq(email.value()))).execute();
        dsl.deleteFrom(OAUTH_FLOW).where(OAUTH_FLOW.TENANT_ID.eq(tenantId))
                .and(OAUTH_FLOW.LINK_USER_ID.eq(userId)).execute();
        dsl.deleteFrom(OAUTH_GRANT).where(OAUTH_GRANT.TENANT_ID.eq(tenantId))
                .and(OAUTH_GRANT.USER_ID.eq(userId)).execute();
        int invitations = dsl.deleteFrom(INVITATION).where(INVITATION.TENANT_ID.eq(tenantId))
                .and(INVITATION.INVITED_BY.eq(userId).or(INVITATION.EMAIL.eq(email.value()))).execute();
        // The user's own email changes went with the user's row; other users' changes aimed at the address go too.
        dsl.deleteFrom(EMAIL_CHANGE).where(EMAIL_CHANGE.TENANT_ID.eq(tenantId))
                .and(EMAIL_CHANGE.NEW_EMAIL.eq(email.value())).execute();
        int mails = dsl.deleteFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.TENANT_ID.eq(tenantId))
                .and(MAIL_OUTBOX.RECIPIENT.eq(email.value())).execute();
        return new Erased(grants, codes, invitations, mails, redactAuditDetails(tenantId, email));
    }

    /**
     * Removes every audit detail whose value is the address (failed sign-ins recorded it; later events name users by
     * id only). Found by the encoded value, in the tenant's events only.
     */
    private int redactAuditDetails(UUID tenantId, EmailAddress email) {
        String encoded = "=" + URLEncoder.encode(email.value(), StandardCharsets.UTF_8);
        var rows = dsl.select(AUDIT_EVENT.SEQ, AUDIT_EVENT.DETAILS).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.TENANT_ID.eq(tenantId)).and(AUDIT_EVENT.DETAILS.contains(encoded)).fetch();
        int redacted = 0;
        for (var row : rows) {
            Map<String, String> details = JooqAuditLog.decode(row.value2());
            if (details.values().removeIf(email.value()::equals)) {
                redacted += dsl.update(AUDIT_EVENT).set(AUDIT_EVENT.DETAILS, JooqAuditLog.encode(details))
                        .where(AUDIT_EVENT.SEQ.eq(row.value1())).execute();
            }
        }
        return redacted;
    }

    @Override
    public boolean deleteAccountIfEmpty(TenantId tenant, AccountId account) {
        return dsl.deleteFrom(ACCOUNT).where(ACCOUNT.TENANT_ID.eq(tenant.value())).and(ACCOUNT.ID.eq(account.value()))
                .andNotExists(DSL.selectOne().from(APP_USER).where(APP_USER.TENANT_ID.eq(tenant.value()))
                        .and(APP_USER.ACCOUNT_ID.eq(account.value())))
                .execute() == 1;
    }
}
