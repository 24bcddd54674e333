package dev.gatehouse.application.emailchange.port.in;

/** The email-change feature's use cases: the change itself and its undoing from the old address. */
public interface EmailChangeUseCases {
    ChangeEmailUseCase changeEmail();

    RevertEmailChangeUseCase revertEmailChange();
}
