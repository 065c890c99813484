package io.dyad.ingest.service;

import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.SourceRef;
import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.extract.ArticleExtractor;
import io.dyad.ingest.extract.PageDecoder;
import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.feed.ArticleMapper;
import io.dyad.ingest.feed.UnusableItemException;
import io.dyad.ingest.fetch.FeedFetcher;
import io.dyad.ingest.fetch.FetchException;
import io.dyad.ingest.fetch.HttpFetchResult;
import io.dyad.ingest.fetch.RobotsPolicy;
import io.dyad.ingest.fetch.UrlRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns links found by a sitemap or web source into article drafts: links already published are skipped without a
 * request, at most {@code crawl.max-pages-per-fetch} new pages are fetched per run (the rest wait for the next one),
 * robots.txt is honoured, and each page goes through the guard, the per-host pause and the extractor. Blocking.
 */
@ApplicationScoped
public class PageArticleService {

    private static final Logger LOG = Logger.getLogger(PageArticleService.class);

    /** A link to an article page, with what the listing said about it (either may be null). */
    public record PageLink(URI url, String titleHint, Instant dateHint) {
    }

    /** The drafts made, and how many links were skipped or failed. */
    public record Pages(List<ArticleDraft> drafts, int known, int skipped, int failed, int deferred) {
    }

    @Inject
    IngestConfig config;

    @Inject
    FeedFetcher fetcher;

    @Inject
    RobotsPolicy robots;

    @Inject
    ArticleExtractor extractor;

    @Inject
    ArticleMapper mapper;

    @Inject
    ArticleIngestService articles;

    @Inject
    IngestMetrics metrics;

    public Pages drafts(List<PageLink> links, SourceRef source, Instant fetchedAt) {
        Map<String, PageLink> byId = new LinkedHashMap<>();
        for (PageLink link : links) {
            try {
                byId.putIfAbsent(ArticleIds.articleId(ArticleIds.canonicalUrl(link.url().toString())), link);
            } catch (IllegalArgumentException e) {
                LOG.debugf("link %s skipped: %s", link.url(), e.getMessage());
            }
        }
        Set<String> known = articles.alreadySeen(byId.keySet());
        int limit = Math.max(1, config.crawl().maxPagesPerFetch());
        List<ArticleDraft> drafts = new ArrayList<>();
        int skipped = 0;
        int failed = 0;
        int deferred = 0;
        for (Map.Entry<String, PageLink> e : byId.entrySet()) {
            if (known.contains(e.getKey())) {
                continue;
            }
            if (drafts.size() + skipped + failed >= limit) {
                deferred++; // picked up by the next run
                continue;
            }
            PageLink link = e.getValue();
            try {
                if (!robots.allowed(link.url())) {
                    skipped++;
                    metrics.pages("robots_disallowed");
                    continue;
                }
                HttpFetchResult page = fetcher.fetch(link.url(), null, null);
                if (!page.successful()) {
                    failed++;
                    metrics.pages("failed");
                    LOG.debugf("page %s: HTTP %d", link.url(), page.status());
                    continue;
                }
                drafts.add(mapper.fromPage(link.url(), extractor.extract(
                        PageDecoder.decode(page.body(), page.contentType()), page.uri().toString()),
                        link.titleHint(), link.dateHint(), source, fetchedAt));
                metrics.pages("extracted");
            } catch (UnusableItemException ex) {
                skipped++;
                metrics.pages("empty");
            } catch (UrlRefusedException | FetchException | IllegalArgumentException ex) {
                failed++;
                metrics.pages("failed");
                LOG.debugf("page %s not fetched: %s", link.url(), ex.getMessage());
            }
        }
        return new Pages(drafts, known.size(), skipped, failed, deferred);
    }
}
