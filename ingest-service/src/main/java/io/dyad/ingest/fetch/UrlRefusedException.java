package io.dyad.ingest.fetch;

/** A URL the service will not request: wrong scheme, no host, unresolvable, or an address the SSRF guard refuses. */
public class UrlRefusedException extends RuntimeException {

    public UrlRefusedException(String message) {
        super(message);
    }
}
