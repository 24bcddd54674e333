package dev.gatehouse.application.recovery.port.in;

/** The recovery feature's use cases: password reset and change, magic links, email verification. */
public interface RecoveryUseCases {
    PasswordResetUseCase passwordReset();

    MagicLinkUseCase magicLinks();

    EmailVerificationUseCase emailVerification();

    ChangePasswordUseCase changePassword();
}
