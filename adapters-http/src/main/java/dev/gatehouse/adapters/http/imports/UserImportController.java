package dev.gatehouse.adapters.http.imports;

import dev.gatehouse.adapters.http.Endpoints;
import dev.gatehouse.adapters.http.RequestContext;
import dev.gatehouse.adapters.http.Routes;
import dev.gatehouse.adapters.http.problem.Problem;
import dev.gatehouse.adapters.http.problem.RequestRejected;
import dev.gatehouse.adapters.http.web.JsonResponses;
import dev.gatehouse.adapters.http.web.RequestFilter;
import dev.gatehouse.application.imports.port.in.ImportUsersUseCase;
import dev.gatehouse.application.port.in.RootAuthority;
import dev.gatehouse.domain.apikey.Scope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/admin/users/import}: users with other systems' password hashes, one JSON object per line
 * ({@code application/x-ndjson}, docs/migration.md), under the tenant's root token only (a secret key is 403 whatever
 * its scopes). The body is streamed: it is read line by line as the import goes, with a limit of its own
 * ({@code maxBytes}, {@code GATEHOUSE_IMPORT_MAX_BYTES}) instead of the server's body limit, which this route alone
 * does not use. 200 with {@code {imported, skipped, failed, errors: [{line, error}]}}.
 *
 * @param maxBytes the largest body read; 413 beyond (before anything is read when the length is declared)
 */
public record UserImportController(ImportUsersUseCase imports, RequestContext http, int maxBytes) implements Endpoints {
    public static final String PATH = "/v1/admin/users/import";
    public static final String NDJSON = "application/x-ndjson";
    /** The limit when none is configured: 1 GiB, about 5 million lines of 200 bytes. */
    public static final int DEFAULT_MAX_BYTES = 1 << 30;

    public UserImportController {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("the import body limit must be at least 1024 bytes");
        }
    }

    @Override
    public void register(Routes routes) {
        routes.add(HandlerType.POST, PATH, this::importUsers);
    }

    public void importUsers(Context ctx) {
        RootAuthority authority = http.rootCredentials().forNativeRoute(ctx, Scope.USERS_WRITE);
        requireNdjson(ctx.header("Content-Type"));
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new RequestRejected(Problem.bodyTooLarge(maxBytes));
        }
        InputStream body;
        try {
            body = ctx.req().getInputStream();
        } catch (IOException e) {
            throw new RequestRejected(Problem.malformedBody("the request body could not be read"));
        }
        NdjsonLines lines = new NdjsonLines(body, maxBytes, new ImportLineParser());
        ImportUsersUseCase.Result result = imports.importUsers(new ImportUsersUseCase.Command(authority, lines));
        if (lines.ended()) {
            RequestFilter.markBodyConsumed(ctx);
        }
        JsonResponses.write(ctx, 200, new ImportResponse(result.imported(), result.skipped(), result.failed(),
                result.errors().stream().map(e -> new ErrorResponse(e.line(), e.error())).toList()));
    }

    private static void requireNdjson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(NDJSON)) {
            throw new RequestRejected(Problem.unsupportedMediaType("Content-Type must be " + NDJSON
                    + ": one JSON object per line, UTF-8"));
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (p.startsWith("charset=") && !p.matches("charset=utf-?8")) {
                throw new RequestRejected(Problem.unsupportedMediaType("import files must be UTF-8"));
            }
        }
    }

    record ImportResponse(long imported, long skipped, long failed, List<ErrorResponse> errors) {
    }

    record ErrorResponse(long line, String error) {
    }
}
