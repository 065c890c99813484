package io.dyad.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A feed the service polls, with the state of its schedule and of its last fetch. */
@Entity
@Table(name = "sources")
public class Source extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false, length = 16)
    public String type;

    /** The current poll interval: adapts to how often the source publishes, within the bounds below. */
    @Column(name = "poll_interval_seconds", nullable = false)
    public long pollIntervalSeconds;

    @Column(name = "min_poll_seconds", nullable = false)
    public long minPollSeconds;

    @Column(name = "max_poll_seconds", nullable = false)
    public long maxPollSeconds;

    /** Items per day estimated at the last successful fetch, or null before one. */
    @Column(name = "items_per_day")
    public Double itemsPerDay;

    /** The wait applied after the last failure (seconds), null while the source is healthy. */
    @Column(name = "backoff_seconds")
    public Long backoffSeconds;

    /** Web sources: CSS selector of the article links on the listing page, or null. */
    @Column(name = "link_selector", length = 500)
    public String linkSelector;

    /** Web sources: regular expression the article URLs match, or null. */
    @Column(name = "link_pattern", length = 500)
    public String linkPattern;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public SourceStatus status;

    @Column(length = 1024)
    public String etag;

    @Column(name = "last_modified", length = 128)
    public String lastModified;

    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_outcome", length = 32)
    public String lastOutcome;

    @Column(name = "last_error", length = 2000)
    public String lastError;

    /** Fetch the article page when a feed item's own text is short. */
    @Column(name = "full_text", nullable = false)
    public boolean fullText;

    /** ISO 639 language hint (e.g. "es" for a Mexican outlet), or null. */
    @Column(length = 3)
    public String language;

    /** ISO 3166-1 alpha-2 country hint (e.g. "MX"), or null. */
    @Column(length = 2)
    public String country;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "next_fetch_at", nullable = false)
    public Instant nextFetchAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Duration pollInterval() {
        return Duration.ofSeconds(pollIntervalSeconds);
    }

    public Duration minPollInterval() {
        return Duration.ofSeconds(minPollSeconds);
    }

    public Duration maxPollInterval() {
        return Duration.ofSeconds(maxPollSeconds);
    }
}
