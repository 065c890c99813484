package io.dyad.ingest.service;

import io.dyad.contracts.SourceRef;
import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.feed.ArticleMapper;
import io.dyad.ingest.feed.FeedItem;
import io.dyad.ingest.feed.FeedParseException;
import io.dyad.ingest.feed.FeedParser;
import io.dyad.ingest.feed.ParsedFeed;
import io.dyad.ingest.feed.UnusableItemException;
import io.dyad.ingest.fetch.FeedFetcher;
import io.dyad.ingest.fetch.FetchException;
import io.dyad.ingest.fetch.FetchOutcome;
import io.dyad.ingest.fetch.HttpFetchResult;
import io.dyad.ingest.fetch.UrlRefusedException;
import io.dyad.ingest.service.SourceStateStore.SourceSnapshot;
import io.dyad.ingest.service.SourceStateStore.Validators;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Fetches one source: HTTP (conditional), parse, map items, publish the new ones, record the source's health. Every
 * failure ends up in the report and on the source; nothing escapes to stop the caller's other sources. Blocking.
 */
@ApplicationScoped
public class FetchService {

    private static final Logger LOG = Logger.getLogger(FetchService.class);

    @Inject
    SourceStateStore store;

    @Inject
    FeedFetcher fetcher;

    @Inject
    FeedParser parser;

    @Inject
    ArticleMapper mapper;

    @Inject
    ArticleIngestService articles;

    @Inject
    IngestMetrics metrics;

    @Inject
    FullTextService fullText;

    @Inject
    io.dyad.ingest.fetch.RobotsPolicy robots;

    @Inject
    SitemapSourceFetcher sitemaps;

    @Inject
    WebSourceFetcher web;

    @Inject
    io.dyad.ingest.websub.WebSubService websub;

    /** Fetches the source now; empty when no source has this id. */
    public Optional<FetchReport> fetch(long sourceId) {
        return store.snapshot(sourceId).map(this::fetch);
    }

    private FetchReport fetch(SourceSnapshot source) {
        long started = System.nanoTime();
        Instant fetchedAt = Instant.now();
        Tally tally = new Tally();
        SourceRef ref = new SourceRef(String.valueOf(source.id()), source.name(), source.type(), source.country(),
                source.language());
        try {
            URI sourceUri = URI.create(source.url());
            if (!"rss".equals(source.type()) && !robots.allowed(sourceUri)) {
                // feeds are polled as subscribed, like every reader does; crawled sites get robots.txt honoured
                throw new FetchException(FetchOutcome.ROBOTS_DISALLOWED, "robots.txt of " + sourceUri.getHost()
                        + " disallows " + sourceUri + " for us");
            }
            HttpFetchResult response = fetcher.fetch(sourceUri, source.etag(), source.lastModified());
            tally.bytes = response.body() == null ? 0 : response.body().length;
            tally.httpStatus = response.status();
            tally.retryAfter = response.retryAfter();
            tally.freshFor = response.maxAge();
            if (!response.permanentUri().toString().equals(source.url())) {
                tally.movedTo = response.permanentUri().toString();
            }
            if (response.notModified()) {
                tally.outcome = FetchOutcome.NOT_MODIFIED;
                // a 304 may carry a fresher ETag; otherwise the stored validators stay
                if (response.etag() != null || response.lastModified() != null) {
                    tally.validators = new Validators(
                            response.etag() != null ? response.etag() : source.etag(),
                            response.lastModified() != null ? response.lastModified() : source.lastModified());
                }
            } else if (response.gone()) {
                tally.outcome = FetchOutcome.HTTP_ERROR;
                tally.gone = true;
                tally.error = "HTTP 410 Gone from " + response.uri() + ": the feed was removed, the source is disabled";
            } else if (!response.successful()) {
                tally.outcome = FetchOutcome.HTTP_ERROR;
                tally.error = "HTTP " + response.status() + " from " + response.uri();
            } else {
                List<ArticleDraft> drafts = switch (source.type()) {
                    case "sitemap" -> sitemaps.drafts(source, ref, response, fetchedAt, tally);
                    case "web" -> web.drafts(source, ref, response, fetchedAt, tally);
                    default -> feedDrafts(source, ref, response, fetchedAt, tally);
                };
                publish(source, ref, drafts, tally);
                if (tally.failed == 0) {
                    tally.outcome = FetchOutcome.OK;
                    // links left for later must not hide behind a 304 on the next run
                    if (tally.pagesFailed == 0 && tally.pagesDeferred == 0) {
                        tally.validators = new Validators(response.etag(), response.lastModified());
                    }
                } else {
                    tally.outcome = FetchOutcome.PUBLISH_ERROR;
                }
            }
        } catch (UrlRefusedException e) {
            tally.fail(FetchOutcome.REFUSED, e.getMessage());
        } catch (FetchException e) {
            tally.fail(e.outcome(), e.getMessage());
        } catch (FeedParseException e) {
            tally.fail(FetchOutcome.PARSE_ERROR, e.getMessage());
        } catch (RuntimeException e) {
            // a bug or an outage (e.g. the database) must not stop the scheduler's other sources
            LOG.errorf(e, "fetching source %d failed unexpectedly", source.id());
            tally.fail(FetchOutcome.NETWORK_ERROR, "unexpected error: " + e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Instant next = store.recordFetch(source.id(), fetchedAt, tally.outcome, tally.httpStatus, tally.error,
                tally.validators, new SourceStateStore.ServerHints(tally.retryAfter, tally.freshFor,
                        tally.outcome.success() ? tally.movedTo : null, tally.gone),
                new SourceStateStore.Activity(tally.itemDates)).orElse(null);
        if (tally.outcome == FetchOutcome.OK && tally.hub != null) {
            websub.onFeedFetched(source.id(), resolve(URI.create(source.url()), tally.hub),
                    resolve(URI.create(source.url()), tally.self));
        }
        metrics.fetched(tally.outcome, took);
        metrics.sourceFetched(source.id(), source.host(), tally.outcome, tally.httpStatus, took, tally.bytes,
                tally.published);
        if (!tally.outcome.success()) {
            LOG.warnf("source %d (%s): %s: %s", source.id(), source.url(), tally.outcome.label(), tally.error);
        } else {
            LOG.debugf("source %d: %s, %d items, %d published", source.id(), tally.outcome.label(), tally.items,
                    tally.published);
        }
        return new FetchReport(source.id(), tally.outcome.label(), tally.httpStatus, tally.items, tally.published,
                tally.duplicates, tally.skipped, tally.failed, tally.pagesFailed, tally.pagesDeferred,
                tally.outcome == FetchOutcome.NOT_MODIFIED, tally.error,
                fetchedAt, took.toMillis(), next);
    }

    /**
     * Content a WebSub hub pushed for this source (signature already checked): parsed and published like a fetched
     * feed; the poll schedule and health stay as they are. A body that is not a feed is logged and dropped.
     */
    public FetchReport ingestPushed(long sourceId, byte[] body, String contentType) {
        Optional<SourceSnapshot> found = store.snapshot(sourceId);
        if (found.isEmpty()) {
            return null;
        }
        SourceSnapshot source = found.get();
        long started = System.nanoTime();
        Instant at = Instant.now();
        Tally tally = new Tally();
        SourceRef ref = new SourceRef(String.valueOf(source.id()), source.name(), source.type(), source.country(),
                source.language());
        try {
            HttpFetchResult pushed = new HttpFetchResult(200, URI.create(source.url()), body, contentType, null, null,
                    null);
            publish(source, ref, feedDrafts(source, ref, pushed, at, tally), tally);
            tally.outcome = tally.failed == 0 ? FetchOutcome.OK : FetchOutcome.PUBLISH_ERROR;
        } catch (FeedParseException e) {
            tally.fail(FetchOutcome.PARSE_ERROR, e.getMessage());
        }
        metrics.pushed(tally.outcome);
        LOG.infof("source %d: WebSub push: %s, %d items, %d published", sourceId, tally.outcome.label(), tally.items,
                tally.published);
        return new FetchReport(sourceId, tally.outcome.label(), null, tally.items, tally.published, tally.duplicates,
                tally.skipped, tally.failed, 0, 0, false, tally.error, at,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), null);
    }

    private static String resolve(URI base, String href) {
        if (href == null) {
            return null;
        }
        try {
            return base.resolve(href.trim()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private List<ArticleDraft> feedDrafts(SourceSnapshot source, SourceRef ref, HttpFetchResult response,
            Instant fetchedAt, Tally tally) {
        ParsedFeed feed = parser.parse(response.body(), response.contentType());
        if (feed.ttl() != null && (tally.freshFor == null || feed.ttl().compareTo(tally.freshFor) > 0)) {
            tally.freshFor = feed.ttl();
        }
        // WebSub discovery: the HTTP Link headers first (the spec's preferred place), then the feed's own links
        tally.hub = response.links().getOrDefault("hub", feed.hub());
        tally.self = response.links().getOrDefault("self", feed.self());
        tally.items = feed.items().size();
        tally.itemDates = feed.items().stream().map(FeedItem::publishedAt).toList();
        List<ArticleDraft> drafts = new ArrayList<>();
        for (FeedItem item : feed.items()) {
            try {
                drafts.add(mapper.fromFeedItem(item, feed, response.uri(), ref, fetchedAt));
            } catch (UnusableItemException e) {
                tally.skipped++;
                LOG.debugf("source %d: item skipped: %s", source.id(), e.getMessage());
            }
        }
        return drafts;
    }

    private void publish(SourceSnapshot source, SourceRef ref, List<ArticleDraft> drafts, Tally tally) {
        Set<String> known = articles.alreadySeen(drafts.stream().map(ArticleDraft::articleId).toList());
        for (ArticleDraft draft : drafts) {
            if (known.contains(draft.articleId())) {
                tally.duplicates++;
                metrics.duplicate(ref.type());
                continue;
            }
            try {
                ArticleDraft complete = source.fullText() && "rss".equals(source.type())
                        ? fullText.complete(draft) : draft;
                if (articles.ingest(complete, source.id()).published()) {
                    tally.published++;
                } else {
                    tally.duplicates++;
                }
            } catch (RuntimeException e) {
                tally.failed++;
                if (tally.error == null) {
                    tally.error = e.getMessage();
                }
            }
        }
        if (tally.failed > 0) {
            tally.error = tally.failed + " of " + (tally.failed + tally.published) + " new articles were not "
                    + "published and will be retried: " + tally.error;
        }
        metrics.items("new", tally.published);
        metrics.items("duplicate", tally.duplicates);
        metrics.items("skipped", tally.skipped);
        metrics.items("failed", tally.failed);
    }

    /** Counts and state gathered while one fetch runs. */
    static final class Tally {
        FetchOutcome outcome = FetchOutcome.NETWORK_ERROR;
        Integer httpStatus;
        Duration retryAfter;
        Duration freshFor;
        String movedTo;
        boolean gone;
        Validators validators;
        String error;
        int items;
        int published;
        int duplicates;
        int skipped;
        int failed;
        int pagesFailed;
        int pagesDeferred;
        long bytes;
        String hub;
        String self;
        /** Publication dates of the items listed (for the adaptive interval); null when nothing was listed. */
        List<java.time.Instant> itemDates;

        void fail(FetchOutcome failure, String message) {
            outcome = failure;
            error = message;
        }
    }
}
