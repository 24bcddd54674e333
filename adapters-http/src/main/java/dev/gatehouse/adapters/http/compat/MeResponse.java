package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.adapters.http.web.JsonObjectWriter;
import dev.gatehouse.domain.user.User;

/**
 * {@code GET /me}: StaticBackend's user object. {@code id} equals {@code userId} (the Go client reads
 * {@code id}, the docs say {@code userId}); {@code role} is the integer level (0, 50, 100).
 */
record MeResponse(String id, String userId, String accountId, String email, int role) {

    static MeResponse from(User user) {
        String id = user.id().toString();
        return new MeResponse(id, id, user.accountId().toString(), user.email().value(), user.role().level());
    }

    /** The same JSON Jackson would write for this record, without Jackson (the hot path of GET /me). */
    byte[] toJson() {
        return new JsonObjectWriter().field("id", id).field("userId", userId).field("accountId", accountId)
                .field("email", email).field("role", role).toBytes();
    }
}
