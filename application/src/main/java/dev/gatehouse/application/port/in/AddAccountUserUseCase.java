package dev.gatehouse.application.port.in;

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

    default User add(Principal principal, Command command) {
        return add(principal, command, ClientInfo.UNKNOWN);
    }

    /** As {@link #add(Principal, Command)}, recording the client in the audit log. */
    User add(Principal principal, Command command, ClientInfo client);

    record Command(Optional<AccountId> accountId, EmailAddress email, Password password, Role role) {
    }
}
