package dev.gatehouse.adapters.http.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.error.DomainError;
import dev.gatehouse.domain.error.EmailAlreadyInUse;
import dev.gatehouse.domain.error.InvalidCredentials;
import dev.gatehouse.domain.error.InvalidInput;
import dev.gatehouse.domain.error.PasswordRejected;
import dev.gatehouse.domain.error.Unauthenticated;
import dev.gatehouse.domain.error.UnknownTenant;
import dev.gatehouse.domain.error.UserNotFound;
import java.util.stream.Stream;
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
                Arguments.of(new UserNotFound(), 404, "user-not-found"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyKindOfDomainError")
    void mapsEachDomainErrorToOneStatusAndProblemTypeWithItsMessageAsDetail(DomainError error, int status, String slug) {
        Problem problem = ProblemMapper.map(error);
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo("urn:gatehouse:problem:" + slug);
        assertThat(problem.detail()).isEqualTo(error.getMessage());
        assertThat(problem.title()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfDomainError")
    void namesTheFieldOnlyForInputProblems(DomainError error, int status, String slug) {
        Problem problem = ProblemMapper.map(error);
        if (error instanceof InvalidInput invalid) {
            assertThat(problem.field()).isEqualTo(invalid.field());
        } else if (error instanceof PasswordRejected) {
            assertThat(problem.field()).isEqualTo("password");
        } else {
            assertThat(problem.field()).isNull();
        }
    }
}
