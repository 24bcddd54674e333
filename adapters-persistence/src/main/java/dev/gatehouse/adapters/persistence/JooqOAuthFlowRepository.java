package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.OAUTH_FLOW;
import static dev.gatehouse.adapters.persistence.jooq.Tables.OAUTH_GRANT;

import dev.gatehouse.application.oauth.port.out.OAuthFlowRepository;
import dev.gatehouse.domain.oauth.OAuthFlow;
import dev.gatehouse.domain.oauth.OAuthGrant;
import dev.gatehouse.domain.oauth.ProviderProfile;
import dev.gatehouse.domain.tenant.TenantId;
import dev.gatehouse.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Browser sign-ins under way in {@code oauth_flow} and finished ones waiting for the app in {@code oauth_grant} (V17);
 * every statement joins the caller's unit of work ({@link JooqStore}). Taking is one {@code delete ... returning}
 * (PostgreSQL's own; on H2 a select from the delete's {@code old table}) with no prior read: of concurrent takers, in
 * any process, each waits for the other's row lock, and once one deleted the row the others find nothing to delete.
 */
final class JooqOAuthFlowRepository extends JooqStore implements OAuthFlowRepository {
    JooqOAuthFlowRepository(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void insertFlow(OAuthFlow flow) {
        dsl.insertInto(OAUTH_FLOW)
                .set(OAUTH_FLOW.STATE_HASH, flow.stateHash())
                .set(OAUTH_FLOW.TENANT_ID, flow.tenantId().value())
                .set(OAUTH_FLOW.PROVIDER_NAME, flow.providerName())
                .set(OAUTH_FLOW.PURPOSE, flow.purpose().name())
                .set(OAUTH_FLOW.NONCE, flow.nonce())
                .set(OAUTH_FLOW.CODE_VERIFIER, flow.codeVerifier())
                .set(OAUTH_FLOW.BROWSER_HASH, flow.browserHash())
                .set(OAUTH_FLOW.REDIRECT_URI, flow.redirectUri())
                .set(OAUTH_FLOW.APP_STATE, flow.appState())
                .set(OAUTH_FLOW.APP_CODE_CHALLENGE, flow.appCodeChallenge())
                .set(OAUTH_FLOW.LINK_USER_ID, flow.linkUserId() == null ? null : flow.linkUserId().value())
                .set(OAUTH_FLOW.REQUEST_ID, flow.requestId())
                .set(OAUTH_FLOW.SOURCE, flow.source())
                .set(OAUTH_FLOW.CREATED_AT, flow.createdAt())
                .set(OAUTH_FLOW.EXPIRES_AT, flow.expiresAt())
                .execute();
    }

    @Override
    public Optional<OAuthFlow> takeFlow(String stateHash) {
        return dsl.deleteFrom(OAUTH_FLOW)
                .where(OAUTH_FLOW.STATE_HASH.eq(stateHash))
                .returning()
                .fetchOptional()
                .map(JooqOAuthFlowRepository::toFlow);
    }

    @Override
    public void insertGrant(OAuthGrant grant) {
        ProviderProfile profile = grant.profile();
        dsl.insertInto(OAUTH_GRANT)
                .set(OAUTH_GRANT.TENANT_ID, grant.tenantId().value())
                .set(OAUTH_GRANT.KIND, grant.kind().name())
                .set(OAUTH_GRANT.GRANT_KEY, grant.key())
                .set(OAUTH_GRANT.USER_ID, grant.userId().value())
                .set(OAUTH_GRANT.PROVIDER_NAME, grant.providerName())
                .set(OAUTH_GRANT.APP_CODE_CHALLENGE, grant.appCodeChallenge())
                .set(OAUTH_GRANT.SOURCE, grant.source())
                .set(OAUTH_GRANT.ISSUER, profile.issuer())
                .set(OAUTH_GRANT.SUBJECT, profile.subject())
                .set(OAUTH_GRANT.EMAIL, profile.email())
                .set(OAUTH_GRANT.EMAIL_VERIFIED, profile.emailVerified())
                .set(OAUTH_GRANT.NAME, profile.name())
                .set(OAUTH_GRANT.GIVEN_NAME, profile.givenName())
                .set(OAUTH_GRANT.FAMILY_NAME, profile.familyName())
                .set(OAUTH_GRANT.PICTURE_URL, profile.pictureUrl())
                .set(OAUTH_GRANT.CREATED_AT, grant.createdAt())
                .set(OAUTH_GRANT.EXPIRES_AT, grant.expiresAt())
                .execute();
    }

    @Override
    public Optional<OAuthGrant> takeGrant(TenantId tenant, OAuthGrant.Kind kind, String key) {
        return dsl.deleteFrom(OAUTH_GRANT)
                .where(grant(tenant, kind, key))
                .returning()
                .fetchOptional()
                .map(JooqOAuthFlowRepository::toGrant);
    }

    @Override
    public Optional<OAuthGrant> findGrant(TenantId tenant, OAuthGrant.Kind kind, String key) {
        return dsl.selectFrom(OAUTH_GRANT).where(grant(tenant, kind, key)).fetchOptional(JooqOAuthFlowRepository::toGrant);
    }

    @Override
    public int deleteExpired(Instant now) {
        int flows = dsl.deleteFrom(OAUTH_FLOW).where(OAUTH_FLOW.EXPIRES_AT.lt(now)).execute();
        return flows + dsl.deleteFrom(OAUTH_GRANT).where(OAUTH_GRANT.EXPIRES_AT.lt(now)).execute();
    }

    private static Condition grant(TenantId tenant, OAuthGrant.Kind kind, String key) {
        return OAUTH_GRANT.TENANT_ID.eq(tenant.value()).and(OAUTH_GRANT.KIND.eq(kind.name()))
                .and(OAUTH_GRANT.GRANT_KEY.eq(key));
    }

    private static OAuthFlow toFlow(Record r) {
        return new OAuthFlow(r.get(OAUTH_FLOW.STATE_HASH), new TenantId(r.get(OAUTH_FLOW.TENANT_ID)),
                r.get(OAUTH_FLOW.PROVIDER_NAME), OAuthFlow.Purpose.valueOf(r.get(OAUTH_FLOW.PURPOSE)),
                r.get(OAUTH_FLOW.NONCE), r.get(OAUTH_FLOW.CODE_VERIFIER), r.get(OAUTH_FLOW.BROWSER_HASH),
                r.get(OAUTH_FLOW.REDIRECT_URI), r.get(OAUTH_FLOW.APP_STATE), r.get(OAUTH_FLOW.APP_CODE_CHALLENGE),
                r.get(OAUTH_FLOW.LINK_USER_ID) == null ? null : new UserId(r.get(OAUTH_FLOW.LINK_USER_ID)),
                r.get(OAUTH_FLOW.REQUEST_ID), r.get(OAUTH_FLOW.SOURCE), r.get(OAUTH_FLOW.CREATED_AT),
                r.get(OAUTH_FLOW.EXPIRES_AT));
    }

    private static OAuthGrant toGrant(Record r) {
        ProviderProfile profile = new ProviderProfile(r.get(OAUTH_GRANT.ISSUER), r.get(OAUTH_GRANT.SUBJECT),
                r.get(OAUTH_GRANT.EMAIL), r.get(OAUTH_GRANT.EMAIL_VERIFIED), r.get(OAUTH_GRANT.NAME),
                r.get(OAUTH_GRANT.GIVEN_NAME), r.get(OAUTH_GRANT.FAMILY_NAME), r.get(OAUTH_GRANT.PICTURE_URL));
        return new OAuthGrant(r.get(OAUTH_GRANT.GRANT_KEY), new TenantId(r.get(OAUTH_GRANT.TENANT_ID)),
                new UserId(r.get(OAUTH_GRANT.USER_ID)), OAuthGrant.Kind.valueOf(r.get(OAUTH_GRANT.KIND)),
                r.get(OAUTH_GRANT.PROVIDER_NAME), r.get(OAUTH_GRANT.APP_CODE_CHALLENGE), r.get(OAUTH_GRANT.SOURCE), profile,
                r.get(OAUTH_GRANT.CREATED_AT), r.get(OAUTH_GRANT.EXPIRES_AT));
    }
}
