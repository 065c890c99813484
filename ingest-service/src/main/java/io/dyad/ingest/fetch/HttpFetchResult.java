package io.dyad.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The final response of a fetch after redirects.
 *
 * @param uri the URL that answered (the last redirect target)
 * @param body the (decompressed) body; empty for 304
 * @param retryAfter the server's Retry-After, or null
 * @param permanentUri where the requested URL has moved for good: the end of the leading run of 301/308 redirects
 *     (the requested URL itself when the first hop was not a permanent redirect)
 * @param maxAge how long the server says the response stays fresh (Cache-Control max-age), or null
 * @param links the response's {@code Link} header relations (relation → target as written; see {@link LinkHeader})
 */
public record HttpFetchResult(int status, URI uri, byte[] body, String contentType, String etag, String lastModified,
        Duration retryAfter, URI permanentUri, Duration maxAge, Map<String, String> links) {

    public HttpFetchResult {
        links = links == null ? Map.of() : Map.copyOf(links);
    }

    public HttpFetchResult(int status, URI uri, byte[] body, String contentType, String etag, String lastModified,
            Duration retryAfter) {
        this(status, uri, body, contentType, etag, lastModified, retryAfter, uri, null, Map.of());
    }

    public boolean notModified() {
        return status == 304;
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    public boolean gone() {
        return status == 410;
    }
}
