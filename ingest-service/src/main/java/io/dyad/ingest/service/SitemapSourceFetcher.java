package io.dyad.ingest.service;

import io.dyad.contracts.SourceRef;
import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.crawl.SitemapReader;
import io.dyad.ingest.crawl.SitemapReader.Child;
import io.dyad.ingest.crawl.SitemapReader.Entry;
import io.dyad.ingest.crawl.SitemapWalk;
import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.feed.FeedParseException;
import io.dyad.ingest.fetch.FeedFetcher;
import io.dyad.ingest.fetch.FetchException;
import io.dyad.ingest.fetch.HttpFetchResult;
import io.dyad.ingest.fetch.RobotsPolicy;
import io.dyad.ingest.fetch.UrlRefusedException;
import io.dyad.ingest.service.SourceStateStore.SourceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A {@code sitemap} source: a urlset (Google News or plain) or a sitemap index. For an index, the children modified
 * within the window (or undated) are read, newest first, level by level: an index inside an index is followed down
 * to {@code crawl.max-sitemap-depth} levels, at most {@code crawl.max-child-sitemaps} child sitemaps in all, each
 * once (a loop of indexes ends), robots.txt honoured for each, and at most {@code crawl.max-sitemap-urls} entries
 * read in all. Only entries dated within {@code crawl.window} (news publication date, else lastmod) are followed —
 * undated entries are not, since nothing says they are news; their pages become articles.
 */
@ApplicationScoped
public class SitemapSourceFetcher {

    private static final Logger LOG = Logger.getLogger(SitemapSourceFetcher.class);
    private static final Duration SKEW = Duration.ofHours(1);
    private static final SitemapReader.Sitemap EMPTY = new SitemapReader.Sitemap(List.of(), List.of());

    @Inject
    IngestConfig config;

    @Inject
    FeedFetcher fetcher;

    @Inject
    RobotsPolicy robots;

    @Inject
    PageArticleService pages;

    List<ArticleDraft> drafts(SourceSnapshot source, SourceRef ref, HttpFetchResult response, Instant fetchedAt,
            FetchService.Tally tally) {
        SitemapReader.Sitemap top = SitemapReader.read(response.body(), response.contentType(), response.uri());
        Instant since = fetchedAt.minus(config.crawl().window());
        IngestConfig.Crawl crawl = config.crawl();
        SitemapWalk.Result walk = new SitemapWalk(crawl.maxSitemapDepth(), crawl.maxChildSitemaps(),
                crawl.maxSitemapUrls()).walk(response.uri(), top, since, child -> readChild(source, child));
        if (walk.truncated()) {
            LOG.infof("source %d: sitemap walk capped (%d child sitemaps read, %d entries kept)", source.id(),
                    walk.childrenRead(), walk.entries().size());
        }
        List<Entry> entries = walk.entries();
        tally.itemDates = entries.stream().map(Entry::published).toList();
        List<PageArticleService.PageLink> recent = entries.stream()
                .filter(e -> e.published() != null && !e.published().isBefore(since)
                        && !e.published().isAfter(fetchedAt.plus(SKEW)))
                .sorted(Comparator.comparing(Entry::published).reversed())
                .map(e -> new PageArticleService.PageLink(e.url(), e.title(), e.published()))
                .toList();
        tally.items = recent.size();
        PageArticleService.Pages found = pages.drafts(recent, ref, fetchedAt);
        tally.duplicates += found.known();
        tally.skipped += found.skipped();
        tally.pagesFailed += found.failed();
        tally.pagesDeferred += found.deferred();
        return found.drafts();
    }

    private SitemapReader.Sitemap readChild(SourceSnapshot source, Child child) {
        try {
            if (!robots.allowed(child.url())) {
                LOG.debugf("source %d: child sitemap %s disallowed by robots.txt", source.id(), child.url());
                return EMPTY;
            }
            HttpFetchResult r = fetcher.fetch(child.url(), null, null);
            if (!r.successful()) {
                LOG.infof("source %d: child sitemap %s answered HTTP %d", source.id(), child.url(), r.status());
                return EMPTY;
            }
            return SitemapReader.read(r.body(), r.contentType(), r.uri());
        } catch (FeedParseException | FetchException | UrlRefusedException e) {
            LOG.infof("source %d: child sitemap %s skipped: %s", source.id(), child.url(), e.getMessage());
            return EMPTY;
        }
    }
}
