package dev.gatehouse.adapters.persistence;

import static dev.gatehouse.adapters.persistence.jooq.Tables.LOGIN_SOURCE;

import dev.gatehouse.application.support.port.out.LoginSourceStore;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Known sign-in sources in {@code login_source}: one upsert per successful sign-in, one indexed read per attempt. */
final class JooqLoginSourceStore extends JooqStore implements LoginSourceStore {
    JooqLoginSourceStore(DSLContext dsl) {
        super(dsl);
    }

    @Override
    public void remember(String account, String source, Instant at) {
        SqlErrors.upsertRetrying(() -> dsl.insertInto(LOGIN_SOURCE)
                .set(LOGIN_SOURCE.ACCOUNT_KEY, account)
                .set(LOGIN_SOURCE.SOURCE_KEY, source)
                .set(LOGIN_SOURCE.LAST_SUCCESS_AT, at)
                .onDuplicateKeyUpdate()
                .set(LOGIN_SOURCE.LAST_SUCCESS_AT, DSL.greatest(LOGIN_SOURCE.LAST_SUCCESS_AT, DSL.val(at)))
                .execute());
    }

    @Override
    public boolean knows(String account, String source, Instant since) {
        return dsl.fetchExists(dsl.selectOne().from(LOGIN_SOURCE)
                .where(LOGIN_SOURCE.ACCOUNT_KEY.eq(account))
                .and(LOGIN_SOURCE.SOURCE_KEY.eq(source))
                .and(LOGIN_SOURCE.LAST_SUCCESS_AT.ge(since)));
    }

    @Override
    public int forgetOlderThan(Instant before) {
        return dsl.deleteFrom(LOGIN_SOURCE).where(LOGIN_SOURCE.LAST_SUCCESS_AT.lt(before)).execute();
    }
}
