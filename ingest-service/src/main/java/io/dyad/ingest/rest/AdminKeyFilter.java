package io.dyad.ingest.rest;

import io.dyad.ingest.config.AdminConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@link AdminApi} resources: no or a malformed {@code Authorization} header → 401 (with
 * {@code WWW-Authenticate: Bearer}), a wrong key → 403. Without a configured key nothing gets through. The key is
 * compared in constant time and never logged.
 */
@Provider
@AdminApi
public class AdminKeyFilter implements ContainerRequestFilter {

    private static final String PREFIX = "Bearer ";

    /** Looked up per request: filters are created before runtime configuration exists. */
    @Inject
    Instance<AdminConfig> admin;

    @Override
    public void filter(ContainerRequestContext request) {
        AdminConfig config = admin.get();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (config.apiKey().isEmpty() || config.apiKey().get().isBlank()) {
            request.abortWith(problem(401, "unauthorized", "Unauthorized", "the source API is closed: no admin key "
                    + "is configured (set DYAD_ADMIN_API_KEY)", path));
            return;
        }
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || header.substring(PREFIX.length()).isBlank()) {
            request.abortWith(problem(401, "unauthorized", "Unauthorized",
                    "send the admin key as 'Authorization: Bearer <key>'", path));
            return;
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = config.apiKey().get().trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            request.abortWith(problem(403, "forbidden", "Forbidden", "the admin key is not valid", path));
        }
    }

    private static Response problem(int status, String slug, String title, String detail, String path) {
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + slug, title, status, detail, path, null));
        if (status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dyad-admin\"");
        }
        return r.build();
    }
}
