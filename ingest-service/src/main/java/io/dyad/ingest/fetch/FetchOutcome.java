package io.dyad.ingest.fetch;

import java.util.Locale;

/** How one fetch of a source ended; the {@code outcome} tag of the fetch metrics and the report of a fetch. */
public enum FetchOutcome {
    OK,
    NOT_MODIFIED,
    HTTP_ERROR,
    TIMEOUT,
    NETWORK_ERROR,
    TOO_LARGE,
    REDIRECT_ERROR,
    REFUSED,
    /** robots.txt disallows the source's own URL (sitemap and web sources). */
    ROBOTS_DISALLOWED,
    PARSE_ERROR,
    PUBLISH_ERROR;

    public boolean success() {
        return this == OK || this == NOT_MODIFIED;
    }

    /** Lower-case name, as shown in JSON and metric tags. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
