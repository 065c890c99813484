package io.dyad.ingest.rest;

import io.dyad.ingest.model.Source;
import java.time.Instant;

/**
 * A source as the API shows it: its definition and the health of its last fetch.
 *
 * @param pollInterval ISO-8601 duration
 * @param status ACTIVE or ERROR (failed {@code consecutiveFailures} times in a row; still retried with backoff)
 * @param lastStatus HTTP status of the last response, null when none arrived
 * @param lastOutcome how the last fetch ended (ok, not_modified, http_error, timeout, parse_error, ...)
 */
public record SourceView(long id, String name, String url, String type, String pollInterval, boolean fullText,
        String language, String country, String status,
        Instant createdAt, Instant lastFetchAt, Instant lastSuccessAt, Integer lastStatus, String lastOutcome,
        String lastError, Instant nextFetchAt, int consecutiveFailures) {

    public static SourceView of(Source s) {
        return new SourceView(s.id, s.name, s.url, s.type, s.pollInterval().toString(), s.fullText,
                s.language, s.country,
                s.status.name(), s.createdAt,
                s.lastFetchAt, s.lastSuccessAt, s.lastStatus, s.lastOutcome, s.lastError, s.nextFetchAt,
                s.consecutiveFailures);
    }
}
