package io.dyad.ingest.fetch;

import java.net.URI;
import java.time.Duration;

/**
 * The final response of a fetch after redirects.
 *
 * @param uri the URL that answered (the last redirect target)
 * @param body the (decompressed) body; empty for 304
 * @param retryAfter the server's Retry-After, or null
 */
public record HttpFetchResult(int status, URI uri, byte[] body, String contentType, String etag, String lastModified,
        Duration retryAfter) {

    public boolean notModified() {
        return status == 304;
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
