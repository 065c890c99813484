package io.dyad.ingest.model;

/**
 * ACTIVE: fetched on schedule. ERROR: failed repeatedly; still retried, with growing backoff, until it recovers.
 * DISABLED: the server answered 410 Gone; no longer polled (a manual fetch still works and re-activates it on success).
 */
public enum SourceStatus {
    ACTIVE,
    ERROR,
    DISABLED
}
