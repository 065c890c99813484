package io.dyad.ingest.fetch;

import java.net.URI;

/** Decides whether the service may send a request to a URL; asked for every URL, redirects included. */
@FunctionalInterface
public interface UrlGuard {

    /** @throws UrlRefusedException with a sentence saying why when the URL must not be requested */
    void check(URI uri);
}
