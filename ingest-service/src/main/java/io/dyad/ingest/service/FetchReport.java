package io.dyad.ingest.service;

import java.time.Instant;

/**
 * What one fetch of a source found: the answer of {@code POST /sources/{id}/fetch}.
 *
 * @param outcome ok, not_modified, http_error, timeout, network_error, too_large, redirect_error, refused,
 *        parse_error or publish_error
 * @param httpStatus status of the final response, null when none arrived
 * @param items items in the feed
 * @param published new articles published now
 * @param duplicates items already published before
 * @param skipped items that cannot become articles (no link, nothing to read)
 * @param failed new articles the broker did not acknowledge (retried on the next fetch)
 * @param pagesFailed sitemap and web sources: article pages that could not be fetched (tried again next run)
 * @param pagesDeferred sitemap and web sources: new links left for the next run (per-run page limit)
 * @param error what went wrong, null on success
 */
public record FetchReport(long sourceId, String outcome, Integer httpStatus, int items, int published, int duplicates,
        int skipped, int failed, int pagesFailed, int pagesDeferred, boolean notModified, String error,
        Instant fetchedAt, long durationMs, Instant nextFetchAt) {
}
