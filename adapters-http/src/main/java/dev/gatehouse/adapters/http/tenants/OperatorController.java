package dev.gatehouse.adapters.http.tenants;

import io.javalin.http.HandlerType;
import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;

import dev.gatehouse.adapters.http.web.BearerToken;
import dev.gatehouse.adapters.http.web.JsonBodyReader;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.tenants.TenantResponses.TenantCreated;
import dev.gatehouse.adapters.http.tenants.TenantResponses.TenantSummary;
import dev.gatehouse.application.tenants.port.in.ProvisionTenantUseCase;
import dev.gatehouse.domain.error.Unauthenticated;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The operator API, {@code POST|GET /v1/tenants}, for whoever runs Gatehouse (not for tenants): served
 * only when an operator token is configured, and only to {@code Authorization: Bearer <operator token>}.
 * The token is compared through SHA-256 digests with {@link MessageDigest#isEqual}, so neither its
 * length nor a matching prefix shows in the time taken. No tenant is selected on these routes.
 */
public final class OperatorController implements Endpoints {
    private final ProvisionTenantUseCase tenants;
    private final JsonBodyReader bodies;
    private final byte[] operatorTokenDigest;

    public OperatorController(ProvisionTenantUseCase tenants, RequestContext http) {
        this.tenants = tenants;
        this.bodies = http.bodies();
        this.operatorTokenDigest = http.config().operatorToken().map(OperatorController::sha256).orElse(null);
    }

    @Override
    public void register(Routes routes) {
        // without an operator token these paths are not served at all: 404, as for any unknown path
        if (operatorTokenDigest == null) {
            return;
        }
        String path = "/v1/tenants";
        routes.add(HandlerType.POST, path, this::create);
        routes.add(HandlerType.GET, path, this::list);
    }

    /** 201 with the new tenant, its root token and its owner (and the owner's password when generated). */
    public void create(Context ctx) {
        requireOperator(ctx);
        NewTenantRequest request = NewTenantRequest.from(bodies.read(ctx, NewTenantRequest.FIELDS));
        ProvisionTenantUseCase.Provisioned provisioned = tenants.create(request.command());
        JsonResponses.write(ctx, 201, TenantCreated.from(provisioned, request.ownerEmail(),
                request.ownerPassword().isEmpty()));
    }

    /** 200 with every tenant, oldest first. */
    public void list(Context ctx) {
        requireOperator(ctx);
        List<TenantSummary> body = tenants.list().stream().map(TenantSummary::from).toList();
        JsonResponses.write(ctx, 200, body);
    }

    private void requireOperator(Context ctx) {
        String presented = BearerToken.from(ctx);
        if (presented == null || presented.isEmpty()) {
            throw new Unauthenticated(Unauthenticated.Reason.MISSING);
        }
        if (!MessageDigest.isEqual(sha256(presented), operatorTokenDigest)) {
            throw new Unauthenticated(Unauthenticated.Reason.INVALID);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
