package dev.gatehouse.adapters.http.compat;

import dev.gatehouse.domain.user.User;

/**
 * A user on StaticBackend's account routes: {@link MeResponse}'s fields plus {@code created} (ISO-8601,
 * which Go's {@code time.Time} decodes), and the profile's {@code name} and {@code avatarUrl} (null when unset; never
 * the metadata). Never a password hash, a token or a code: the record has no
 * field that could carry one.
 */
record CompatUserResponse(String id, String userId, String accountId, String email, int role, String created,
                          String name, String avatarUrl) {

    static CompatUserResponse from(User user) {
        String id = user.id().toString();
        return new CompatUserResponse(id, id, user.accountId().toString(), user.email().value(), user.role().level(),
                user.created().toString(), user.profile().name(), user.profile().avatarUrl());
    }
}
