package dev.gatehouse.application.lifecycle.port.in;

import dev.gatehouse.domain.user.UserProfile;

/**
 * A change to a profile, as the caller wrote it (the HTTP adapter's JSON merge patch): given the profile as stored,
 * the profile wanted. Applied under the user's lock, so two edits of different fields both survive.
 *
 * @see UserProfile for what a profile may hold (the new one is checked as it is built)
 */
@FunctionalInterface
public interface ProfileEdit {
    UserProfile applyTo(UserProfile current);
}
