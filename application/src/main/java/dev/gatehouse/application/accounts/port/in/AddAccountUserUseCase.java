package dev.gatehouse.application.accounts.port.in;

import dev.gatehouse.domain.account.AccountId;
import dev.gatehouse.domain.role.Role;
import dev.gatehouse.domain.session.ClientInfo;
import dev.gatehouse.domain.session.Principal;
import dev.gatehouse.domain.user.EmailAddress;
import dev.gatehouse.domain.user.Password;
import dev.gatehouse.domain.user.User;
import java.util.Optional;

/** An account admin adds a user to their account (root: to any account of the tenant). */
public interface AddAccountUserUseCase {

    /** Adds the user; the command's client is recorded in the audit log. */
    User add(Principal principal, Command command);

    /**
     * As {@link #add(Principal, Command)}, for routes that answer a taken and a free address alike
     * under the tenant's {@code signupEnumerationProtection}: then the outcome is {@link AddOutcome.Accepted} for
     * both (a free address is added, the owner of a taken one is sent a notice); without the protection it is
     * {@link AddOutcome.Added}, or {@code EmailAlreadyInUse} for a taken address.
     */
    AddOutcome addAnsweringAlike(Principal principal, Command command);

    record Command(Optional<AccountId> accountId, EmailAddress email, Password password, Role role,
                   ClientInfo client) {
    }

    /** What {@link #addAnsweringAlike} did, as far as the caller may know. */
    sealed interface AddOutcome {
        /** The user was added (no enumeration protection). */
        record Added(User user) implements AddOutcome {
        }

        /** Under enumeration protection: the address was added, or its owner told; the caller cannot know which. */
        record Accepted(EmailAddress email, Role role) implements AddOutcome {
        }
    }
}
