package dev.gatehouse.adapters.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.gatehouse.adapters.http.users.RoleNames;
import dev.gatehouse.adapters.http.users.UserResponse;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.user.User;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * One line of {@code GET /v1/admin/users/export}: the fields of {@code POST /v1/admin/users/import}'s lines (so an
 * export imports into another tenant or server) plus the user's id, status and creation time. {@code passwordHash}
 * is written only when asked for with the root token, and then null for a user without a password.
 */
record ExportedUser(String id, String accountId, String email, boolean emailVerified, String role, String status,
                    String created, String name, String avatarUrl, @JsonRawValue String metadata,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String passwordHash) {
    static final String NDJSON = "application/x-ndjson";

    static ExportedUser of(User user, boolean withHash) {
        return new ExportedUser(user.id().toString(), user.accountId().toString(), user.email().value(),
                user.emailVerified(), RoleNames.name(user.role()), UserResponse.statusName(user.status()),
                user.created().toString(), user.profile().name(), user.profile().avatarUrl(),
                user.profile().metadataIfSet().orElse("{}"),
                withHash && user.passwordHash().isSet() ? user.passwordHash().encoded() : null);
    }

    static boolean includeHashes(String query) {
        if (query == null || query.equals("false")) {
            return false;
        }
        if (query.equals("true")) {
            return true;
        }
        throw new InvalidInput("includePasswordHashes", "must be true or false");
    }

    /**
     * Writes lines as the users come, a page at a time. The status and content type are set at the first line (or at
     * the end when there is none), so a refusal before it still answers as a problem.
     */
    static final class Stream {
        private final Context ctx;
        private final boolean withHashes;
        private OutputStream out;

        Stream(Context ctx, boolean withHashes) {
            this.ctx = ctx;
            this.withHashes = withHashes;
        }

        void write(User user) {
            try {
                start().write(JsonResponses.bytes(of(user, withHashes)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away during the export", e);
            }
        }

        void finish() {
            try {
                start().flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away during the export", e);
            }
        }

        private OutputStream start() {
            if (out == null) {
                ctx.status(200).contentType(NDJSON).header("Cache-Control", "no-store");
                out = ctx.outputStream();
            }
            return out;
        }
    }
}
