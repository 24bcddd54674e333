package dev.gatehouse.application.lifecycle.port.in;

/** What the HTTP adapter gets of the user lifecycle feature: profiles, self-service deletion and exports. */
public interface LifecycleUseCases {
    UpdateOwnProfileUseCase updateOwnProfile();

    UpdateUserProfileUseCase updateUserProfile();

    DeleteOwnUserUseCase deleteOwnUser();

    ExportOwnDataUseCase exportOwnData();

    ExportUsersUseCase exportUsers();
}
