package io.dyad.ingest.model;

/**
 * ACTIVE: fetched on schedule. FAILING: failed {@code error-threshold} times in a row; still retried, with an
 * exponential backoff shown in its health, until it recovers (never dropped).
 * DISABLED: the server answered 410 Gone; no longer polled (a manual fetch still works and re-activates it on success).
 */
public enum SourceStatus {
    ACTIVE,
    FAILING,
    DISABLED
}
