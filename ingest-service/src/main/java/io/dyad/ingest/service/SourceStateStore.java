package io.dyad.ingest.service;

import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.fetch.FetchOutcome;
import io.dyad.ingest.model.Source;
import io.dyad.ingest.model.SourceStatus;
import io.dyad.ingest.repository.SourceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The short transactions around a fetch: claim due sources, read one, record how its fetch went. */
@ApplicationScoped
public class SourceStateStore {

    private static final org.jboss.logging.Logger LOG =
            org.jboss.logging.Logger.getLogger(SourceStateStore.class);

    /** A source as a fetch needs it, detached from the persistence context. */
    public record SourceSnapshot(long id, String name, String url, String type, String etag, String lastModified,
            boolean fullText, String language, String country, String linkSelector, String linkPattern,
            String host) {
    }

    /** The validators to keep for the next conditional GET. */
    /**
     * What the server said about polling: Retry-After, how long the answer stays fresh (Cache-Control max-age, RSS
     * ttl), where the source moved for good (301/308; null if not), and whether it is gone (410).
     */
    public record ServerHints(Duration retryAfter, Duration freshFor, String movedTo, boolean gone) {
        public static final ServerHints NONE = new ServerHints(null, null, null, false);
    }

    /**
     * What a successful fetch showed about how often the source publishes: the publication dates of the items it
     * listed (null entries for undated items); null when nothing was listed (e.g. 304 Not Modified).
     */
    public record Activity(List<Instant> published) {
        public static final Activity NONE = new Activity(null);
    }

    public record Validators(String etag, String lastModified) {
    }

    private static final int MAX_ERROR_LENGTH = 2000;
    /** A server's Retry-After is honoured up to this long. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    @Inject
    SourceRepository sources;

    @Inject
    IngestConfig config;

    @Inject
    io.dyad.ingest.repository.SeenArticleRepository seen;

    @Inject
    io.dyad.ingest.websub.WebSubService websub;

    @Transactional
    public List<Long> claimDue(Instant now, int limit) {
        return sources.claimDue(now, limit, now.plus(config.poll().lease()));
    }

    @Transactional
    public Optional<SourceSnapshot> snapshot(long id) {
        return sources.findByIdOptional(id)
                .map(s -> new SourceSnapshot(s.id, s.name, s.url, s.type, s.etag, s.lastModified, s.fullText,
                        s.language, s.country, s.linkSelector, s.linkPattern, hostOf(s.url)));
    }

    /**
     * Records a finished fetch and schedules the next one: the poll interval after a success, a doubling backoff
     * after consecutive failures (at least the poll interval, at most {@code max-backoff}), and never sooner than a
     * server's Retry-After. Publish failures are the pipeline's fault, not the source's: they keep the normal
     * schedule and the validators, so the next fetch downloads the items again.
     *
     * @param validators the new validators to store, or null to keep the stored ones
     * @return when the source is due next, or empty when it was deleted meanwhile
     */
    @Transactional
    public Optional<Instant> recordFetch(long id, Instant at, FetchOutcome outcome, Integer httpStatus, String error,
            Validators validators, ServerHints hints) {
        return recordFetch(id, at, outcome, httpStatus, error, validators, hints, Activity.NONE);
    }

    /**
     * As above; after a successful fetch that listed items, the source's items per day are estimated from their
     * publication dates (or, when none is dated, from the new items seen over the last week) and its poll interval
     * becomes the average gap between items, within the source's bounds.
     */
    @Transactional
    public Optional<Instant> recordFetch(long id, Instant at, FetchOutcome outcome, Integer httpStatus, String error,
            Validators validators, ServerHints hints, Activity activity) {
        Duration retryAfter = hints.retryAfter();
        Source s = sources.findById(id);
        if (s == null) {
            return Optional.empty();
        }
        s.lastFetchAt = at;
        s.lastStatus = httpStatus;
        s.lastOutcome = outcome.label();
        s.updatedAt = at;
        if (validators != null) {
            s.etag = truncate(validators.etag(), 1024);
            s.lastModified = truncate(validators.lastModified(), 128);
        }
        Duration wait;
        if (outcome.success()) {
            s.lastSuccessAt = at;
            s.lastError = null;
            s.consecutiveFailures = 0;
            s.status = SourceStatus.ACTIVE;
            s.backoffSeconds = null;
            if (activity.published() != null) {
                adapt(s, activity.published(), at);
            }
            wait = s.pollInterval();
            if (hints.freshFor() != null && hints.freshFor().compareTo(wait) > 0) {
                // the server says nothing changes sooner: poll no more often than that (within max-backoff)
                Duration max = config.poll().maxBackoff();
                wait = hints.freshFor().compareTo(max) > 0 ? (max.compareTo(wait) > 0 ? max : wait) : hints.freshFor();
            }
            moveTo(s, hints.movedTo());
        } else if (hints.gone()) {
            s.lastError = truncate(error, MAX_ERROR_LENGTH);
            s.consecutiveFailures++;
            s.status = SourceStatus.DISABLED;
            wait = config.poll().maxBackoff();
        } else if (outcome == FetchOutcome.PUBLISH_ERROR) {
            s.lastError = truncate(error, MAX_ERROR_LENGTH);
            wait = s.pollInterval();
        } else {
            s.lastError = truncate(error, MAX_ERROR_LENGTH);
            s.consecutiveFailures++;
            if (s.consecutiveFailures >= config.poll().errorThreshold()) {
                s.status = SourceStatus.FAILING;
            }
            wait = backoff(s.pollInterval(), s.consecutiveFailures, config.poll().maxBackoff());
        }
        if (retryAfter != null) {
            Duration honoured = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            wait = honoured.compareTo(wait) > 0 ? honoured : wait;
        }
        if (!outcome.success() && outcome != FetchOutcome.PUBLISH_ERROR) {
            s.backoffSeconds = wait.toSeconds();
        }
        s.nextFetchAt = at.plus(wait);
        return Optional.of(s.nextFetchAt);
    }

    private void adapt(Source s, List<Instant> published, Instant now) {
        double perDay = PublishingRate.fromDates(published, now).orElseGet(() -> {
            Instant since = now.minus(PublishingRate.WINDOW);
            long seen = this.seen.countFromSourceSince(s.id, since);
            return PublishingRate.fromCount(seen, Duration.between(s.createdAt, now));
        });
        s.itemsPerDay = Math.round(perDay * 100) / 100.0;
        s.pollIntervalSeconds = PublishingRate.interval(perDay, s.minPollInterval(), s.maxPollInterval()).toSeconds();
        if (websub.pushed(s.id, now)) {
            s.pollIntervalSeconds = s.maxPollSeconds; // the hub pushes; polling is only the fallback
        }
    }

    /** Follows a permanent redirect by storing the new URL, unless another source already has it. */
    private void moveTo(Source s, String movedTo) {
        if (movedTo == null || movedTo.equals(s.url) || movedTo.length() > 2048) {
            return;
        }
        if (sources.findByUrl(movedTo).isPresent()) {
            LOG.warnf("source %d moved permanently to %s, which another source already polls; URL kept", s.id,
                    movedTo);
            return;
        }
        LOG.infof("source %d moved permanently: %s -> %s", s.id, s.url, movedTo);
        s.url = movedTo;
        s.etag = null; // validators belong to the old URL
        s.lastModified = null;
    }

    /** pollInterval × 2^(failures-1), capped at maxBackoff but never below the poll interval. */
    static Duration backoff(Duration pollInterval, int failures, Duration maxBackoff) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration wait;
        try {
            wait = pollInterval.multipliedBy(1L << doublings);
        } catch (ArithmeticException overflow) {
            wait = maxBackoff;
        }
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        return wait.compareTo(pollInterval) < 0 ? pollInterval : wait;
    }

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "unknown" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
