package dev.gatehouse.adapters.http;

import dev.gatehouse.adapters.http.web.RequestFilter;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.web.JsonResponses;

import dev.gatehouse.application.port.in.CheckReadinessUseCase;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Liveness (the process answers) and readiness (it can serve: its database answers). */
public final class HealthController implements Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);
    private static final HealthResponse UP = new HealthResponse("up");
    private static final HealthResponse DOWN = new HealthResponse("down");

    private final CheckReadinessUseCase readiness;

    public HealthController(CheckReadinessUseCase readiness) {
        this.readiness = readiness;
    }

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.GET, "/health/live", this::live);
        routes.add(HandlerType.GET, "/health/ready", this::ready);
    }

    void live(Context ctx) {
        JsonResponses.write(ctx, 200, UP);
    }

    void ready(Context ctx) {
        boolean ready;
        try {
            ready = readiness.isReady();
        } catch (RuntimeException e) {
            LOG.warn("request {}: readiness check failed", RequestFilter.requestId(ctx), e);
            ready = false;
        }
        JsonResponses.write(ctx, ready ? 200 : 503, ready ? UP : DOWN);
    }

    record HealthResponse(String status) {
    }
}
