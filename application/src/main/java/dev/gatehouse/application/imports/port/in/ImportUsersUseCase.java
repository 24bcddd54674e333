package dev.gatehouse.application.imports.port.in;

import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.role.Role;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Imports users with the password hashes another system made (docs/adr/0028-imported-password-hashes.md): the
 * tenant's root token only. The lines are read as they come, {@value #BATCH_SIZE} at a time, each batch stored in
 * one unit of work; nothing is hashed. A line whose address already has a user of the tenant (or an earlier line of
 * the same import) is skipped and changes nothing; a line that cannot be imported is counted as failed and
 * reported, and the rest go on. One import at a time per tenant and process.
 */
public interface ImportUsersUseCase {
    int BATCH_SIZE = 500;
    /** Line errors reported at most; the counts go on counting. */
    int MAX_ERRORS = 1_000;

    /**
     * @throws dev.gatehouse.domain.error.NotPermitted      for anything but the tenant's root token (a secret key,
     *                                                      whatever its scopes)
     * @throws dev.gatehouse.domain.error.ImportInProgress  while another import of the tenant runs in this process
     */
    Result importUsers(Command command);

    /**
     * @param lines the lines of the file in order; reading one may throw (a body over its limit), which ends the
     *              import: the lines read before it are stored, the exception passed on
     */
    record Command(RootAuthority authority, Iterator<Line> lines) {
        public Command {
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(lines, "lines");
        }
    }

    /** One line of the file, as the adapter read it; {@code number} counts from 1. */
    sealed interface Line {
        long number();
    }

    /**
     * A readable line. Only {@code email} is required.
     *
     * @param passwordHash  the hash as another system made it; null: the user has no password (signs in after a
     *                      reset or a magic link)
     * @param metadataJson  a JSON object, already checked to be one
     * @param accountId     an account of the tenant to join; null: a new account of their own, as its admin
     * @param role          the role in {@code accountId}'s account; null: user (or account admin of a new account)
     */
    record Row(long number, String email, HashInput passwordHash, boolean emailVerified, String name,
               String metadataJson, String accountId, Role role) implements Line {
    }

    /** A line that could not be read (not JSON, not an object, a field of the wrong type, too long). */
    record Unreadable(long number, String reason) implements Line {
    }

    /** How a password hash came on the line. */
    sealed interface HashInput {
        /** One self-describing string ({@code $2b$...}, {@code $argon2id$...}, {@code pbkdf2_sha256$...}). */
        record Encoded(String value) implements HashInput {
            @Override
            public String toString() {
                return "Encoded[hidden]";
            }
        }

        /** Keycloak's exported credential: its {@code credentialData} and {@code secretData} fields. */
        record Keycloak(String algorithm, long iterations, String salt, String value) implements HashInput {
            @Override
            public String toString() {
                return "Keycloak[" + algorithm + ", hidden]";
            }
        }
    }

    /** What the import did: counts over every line, the first {@value #MAX_ERRORS} errors in line order. */
    record Result(long imported, long skipped, long failed, List<LineError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    record LineError(long line, String error) {
    }
}
