package io.dyad.ingest.model;

/** ACTIVE: fetched on schedule. ERROR: failed repeatedly; still retried, with growing backoff, until it recovers. */
public enum SourceStatus {
    ACTIVE,
    ERROR
}
