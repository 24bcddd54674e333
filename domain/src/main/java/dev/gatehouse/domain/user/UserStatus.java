package dev.gatehouse.domain.user;

public enum UserStatus {
    ACTIVE,
    DISABLED
}
