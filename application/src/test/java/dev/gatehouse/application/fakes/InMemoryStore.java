package dev.gatehouse.application.fakes;

/** An in-memory repository whose whole state can be saved and put back (fake transactions). */
public interface InMemoryStore {

    Object snapshot();

    void restore(Object snapshot);
}
