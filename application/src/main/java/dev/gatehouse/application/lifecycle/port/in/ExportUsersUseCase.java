package dev.gatehouse.application.lifecycle.port.in;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.user.User;
import java.util.function.Consumer;

/** {@code GET /v1/admin/users/export}: every user of the tenant, one after the other, never all in memory. */
public interface ExportUsersUseCase {
    /**
     * Hands each user of the tenant to {@code sink}, oldest first, a page at a time.
     *
     * @param includePasswordHashes only for the root token itself (a key is refused whatever its scopes)
     * @return how many users were exported
     * @throws dev.gatehouse.domain.error.NotPermitted for a key without {@code users:read}, or a key asking for hashes
     */
    long export(RootAuthority authority, boolean includePasswordHashes, Consumer<User> sink);
}
