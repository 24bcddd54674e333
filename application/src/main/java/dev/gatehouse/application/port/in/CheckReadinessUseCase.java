package dev.gatehouse.application.port.in;

/** Whether the server can serve requests now (its database answers). */
public interface CheckReadinessUseCase {

    boolean isReady();
}
