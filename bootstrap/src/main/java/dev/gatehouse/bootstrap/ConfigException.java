package dev.gatehouse.bootstrap;

/** A configuration value is missing or wrong; the message names the variable and what it expects. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
