package dev.gatehouse.application.port.out;

import java.util.UUID;

/** New identifiers for aggregates: ids are chosen by the application, never by the database. */
@FunctionalInterface
public interface IdGenerator {

    UUID newId();
}
