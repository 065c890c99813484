package io.dyad.ingest.rest;

import io.dyad.ingest.model.Source;
import java.time.Duration;
import java.time.Instant;

/**
 * A source as the API shows it: its definition and its health.
 *
 * @param pollInterval the current interval (ISO-8601), adapted to how often the source publishes, within
 *     {@code minPollInterval}..{@code maxPollInterval}
 * @param itemsPerDay how often the source publishes, estimated at its last successful fetch (null before one)
 * @param status ACTIVE, FAILING (failed {@code consecutiveFailures} times in a row; still retried with backoff) or
 *     DISABLED (410 Gone)
 * @param backoff the wait applied after the last failure (ISO-8601), null while the last fetch succeeded
 * @param websub the WebSub subscription when the feed advertises a hub, else null
 * @param lastStatus HTTP status of the last response, null when none arrived
 * @param lastOutcome how the last fetch ended (ok, not_modified, http_error, timeout, parse_error, ...)
 */
public record SourceView(long id, String name, String url, String type, String pollInterval,
        String minPollInterval, String maxPollInterval, boolean fullText, String language, String country,
        String linkSelector, String linkPattern, boolean enabled, String status, Instant createdAt, Instant lastFetchAt,
        Instant lastSuccessAt, Integer lastStatus, String lastOutcome, String lastError, Instant nextFetchAt,
        int consecutiveFailures, String backoff, Double itemsPerDay, WebSubView websub) {

    /** A WebSub subscription as shown (never its secret). */
    public record WebSubView(String hub, String topic, String state, Instant verifiedAt, Instant expiresAt,
            Instant lastPushAt, String lastError) {

        static WebSubView of(io.dyad.ingest.websub.WebSubSubscription w) {
            return w == null ? null : new WebSubView(w.hubUrl, w.topicUrl, w.state.name(), w.verifiedAt,
                    w.expiresAt, w.lastPushAt, w.lastError);
        }
    }

    public static SourceView of(Source s) {
        return of(s, null);
    }

    public static SourceView of(Source s, io.dyad.ingest.websub.WebSubSubscription w) {
        return new SourceView(s.id, s.name, s.url, s.type, s.pollInterval().toString(),
                s.minPollInterval().toString(), s.maxPollInterval().toString(), s.fullText, s.language, s.country,
                s.linkSelector, s.linkPattern, s.status != io.dyad.ingest.model.SourceStatus.DISABLED,
                s.status.name(), s.createdAt, s.lastFetchAt, s.lastSuccessAt,
                s.lastStatus, s.lastOutcome, s.lastError, s.nextFetchAt, s.consecutiveFailures,
                s.backoffSeconds == null ? null : Duration.ofSeconds(s.backoffSeconds).toString(), s.itemsPerDay,
                WebSubView.of(w));
    }
}
