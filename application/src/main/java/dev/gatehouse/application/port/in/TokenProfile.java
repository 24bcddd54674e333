package dev.gatehouse.application.port.in;

/**
 * Which access-token lifetime a sign-in gets: the StaticBackend-compatible routes keep the long-lived
 * token their clients expect (they never refresh); native clients get a short one and refresh it.
 */
public enum TokenProfile {
    COMPAT,
    NATIVE
}
