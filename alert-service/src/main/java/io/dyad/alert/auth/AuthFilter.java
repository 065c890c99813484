package io.dyad.alert.auth;

import io.dyad.alert.service.AccountService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every API route needs {@code Authorization: Bearer <key>}; the key's budget is checked next (429). Health, metrics
 * and OpenAPI under {@code /q} are not API routes and stay open for probes; nor do the {@link PublicRoute} pages that
 * links in mails open (their token is the credential).
 */
public class AuthFilter {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller current;

    // looked up per request: filters are built at static init, before runtime configuration exists
    @Inject
    Provider<RateLimiter> limiter;

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource != null && resource.getResourceClass() != null
                && resource.getResourceClass().isAnnotationPresent(PublicRoute.class)) {
            return; // links in mails: the token in the link is the credential
        }
        String key = bearerKey(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            throw new UnauthorizedException("send Authorization: Bearer <API key>");
        }
        Caller caller = accounts.authenticate(key)
                .orElseThrow(() -> new UnauthorizedException("the API key is unknown or revoked"));
        if (!caller.usesBootstrapKey()) {
            Optional<Duration> wait = limiter.get().acquire(caller.keyId());
            if (wait.isPresent()) {
                throw new RateLimitedException(wait.get());
            }
        }
        current.set(caller);
    }

    static String bearerKey(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = h.substring(7).strip();
        return key.isEmpty() ? null : key;
    }
}
