package dev.gatehouse.adapters.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.error.ApiKeyNotFound;
import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.EmailNotVerified;
import dev.gatehouse.domain.error.InvalidCode;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.InvalidMfaToken;
import dev.gatehouse.domain.error.LastAdminRequired;
import dev.gatehouse.domain.error.LastPublishableKeyRequired;
import dev.gatehouse.domain.error.IdentityConflict;
import dev.gatehouse.domain.error.InvalidOAuthState;
import dev.gatehouse.domain.error.InvitationConflict;
import dev.gatehouse.domain.error.MfaConflict;
import dev.gatehouse.domain.error.ResourceNotFound;
import dev.gatehouse.domain.error.ImportInProgress;
import dev.gatehouse.domain.error.NotPermitted;
import dev.gatehouse.domain.error.Overloaded;
import dev.gatehouse.domain.error.RateLimited;
import dev.gatehouse.domain.error.ReauthenticationRequired;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.RefreshTokenAlreadyRotated;
import dev.gatehouse.domain.error.SessionNotFound;
import dev.gatehouse.domain.error.StorageUnavailable;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.error.UserNotFound;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemMapperTest {

    static Stream<Arguments> everyKindOfDomainError() {
        return Stream.of(
                Arguments.of(new InvalidInput("email", "is required"), 400, "invalid-input"),
                Arguments.of(new PasswordRejected("password must be at least 8 characters"), 400, "password-rejected"),
                Arguments.of(new EmailAlreadyInUse(), 409, "email-already-in-use"),
                Arguments.of(new InvalidCredentials(), 401, "invalid-credentials"),
                Arguments.of(new UnknownTenant(), 401, "unknown-tenant"),
                Arguments.of(new Unauthenticated(Unauthenticated.Reason.EXPIRED), 401, "unauthenticated"),
                Arguments.of(new UserNotFound(), 404, "user-not-found"),
                Arguments.of(new SessionNotFound(), 404, "session-not-found"),
                Arguments.of(new RefreshTokenAlreadyRotated(), 409, "refresh-token-already-rotated"),
                Arguments.of(new NotPermitted("role 50 or higher is required"), 403, "not-permitted"),
                Arguments.of(new LastAdminRequired(), 409, "last-admin-required"),
                Arguments.of(new ApiKeyNotFound(), 404, "api-key-not-found"),
                Arguments.of(new LastPublishableKeyRequired(), 409, "last-publishable-key-required"),
                Arguments.of(new InvalidCode(), 400, "invalid-code"),
                Arguments.of(new EmailNotVerified(), 403, "email-not-verified"),
                Arguments.of(new Overloaded(Duration.ofMillis(1500)), 503, "overloaded"),
                Arguments.of(new RateLimited(Duration.ofSeconds(42)), 429, "rate-limited"),
                Arguments.of(new ReauthenticationRequired(), 403, "reauthentication-required"),
                Arguments.of(new InvalidMfaToken(), 401, "invalid-mfa-token"),
                Arguments.of(MfaConflict.alreadyOn(), 409, "mfa-conflict"),
                Arguments.of(new InvalidOAuthState("unknown state"), 400, "invalid-oauth-state"),
                Arguments.of(IdentityConflict.lastSignInMethod(), 409, "identity-conflict"),
                Arguments.of(new ResourceNotFound("identity"), 404, "not-found"),
                Arguments.of(InvitationConflict.signInFirst(), 409, "invitation-conflict"),
                Arguments.of(InvalidCode.invitation(), 400, "invalid-code"),
                Arguments.of(new ImportInProgress(), 409, "import-in-progress"),
                Arguments.of(new StorageUnavailable(), 503, "unavailable"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyKindOfDomainError")
    void mapsEachDomainErrorToOneStatusAndProblemType(DomainError error, int status, String slug) {
        Problem problem = ProblemMapper.map(error);
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo("urn:gatehouse:problem:" + slug);
        assertThat(problem.title()).isNotBlank();
        assertThat(problem.detail()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfDomainError")
    void detailIsTheDomainMessageExceptWhereClientAuthorsNeedGuidance(DomainError error, int status, String slug) {
        Problem problem = ProblemMapper.map(error);
        if (error instanceof RefreshTokenAlreadyRotated) {
            assertThat(problem.detail()).isEqualTo(ProblemMapper.ALREADY_ROTATED_DETAIL);
        } else {
            assertThat(problem.detail()).isEqualTo(error.getMessage());
        }
    }

    @Test
    void overloadTellsWhenToRetryInWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(ProblemMapper.map(new Overloaded(Duration.ofMillis(1500))).retryAfterSeconds()).isEqualTo("2");
        assertThat(ProblemMapper.map(new Overloaded(Duration.ZERO)).retryAfterSeconds()).isEqualTo("1");
        assertThat(ProblemMapper.map(new Overloaded(Duration.ofSeconds(3))).retryAfterSeconds()).isEqualTo("3");
        assertThat(ProblemMapper.map(new InvalidCredentials()).retryAfterSeconds()).isNull();
        assertThat(ProblemMapper.map(new RateLimited(Duration.ofMillis(41_001))).retryAfterSeconds()).isEqualTo("42");
        assertThat(ProblemMapper.map(new StorageUnavailable()).retryAfterSeconds()).isEqualTo("2");
    }

    @Test
    void alreadyRotatedDetailTellsClientsToUseTheTokensTheConcurrentRequestReceived() {
        String detail = ProblemMapper.map(new RefreshTokenAlreadyRotated()).detail();
        assertThat(detail).contains("use the access and refresh tokens that request received")
                .contains("do not retry").contains("nothing was revoked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfDomainError")
    void namesTheFieldOnlyForInputProblems(DomainError error, int status, String slug) {
        Problem problem = ProblemMapper.map(error);
        if (error instanceof InvalidInput invalid) {
            assertThat(problem.field()).isEqualTo(invalid.field());
        } else if (error instanceof PasswordRejected) {
            assertThat(problem.field()).isEqualTo("password");
        } else if (error instanceof InvalidCode invalid) {
            assertThat(problem.field()).isEqualTo(invalid.field()).isIn("code", "token");
        } else if (error instanceof InvalidMfaToken) {
            assertThat(problem.field()).isEqualTo("mfaToken");
        } else {
            assertThat(problem.field()).isNull();
        }
    }

    @Test
    void everyPermittedSubclassOfDomainErrorIsExercisedAbove() {
        var covered = everyKindOfDomainError().map(arguments -> arguments.get()[0].getClass()).toList();
        assertThat(DomainError.class.getPermittedSubclasses()).isNotEmpty().allMatch(covered::contains);
    }
}
