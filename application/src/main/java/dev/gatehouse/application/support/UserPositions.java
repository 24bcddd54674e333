package dev.gatehouse.application.support;

import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.user.User;
import dev.gatehouse.domain.user.UserId;
import java.util.UUID;

/** Cursors of user listings (an account's users, the admin listing): the last user's creation time and id. */
public final class UserPositions {
    private UserPositions() {
    }

    public static String encode(User last) {
        return new PageCursor(last.created(), last.id().toString()).encode();
    }

    public static UserRepository.Position decode(String cursor) {
        return PageCursor.decode(cursor, position ->
                new UserRepository.Position(position.time(), new UserId(UUID.fromString(position.tail()))));
    }
}
