package io.dyad.ingest.service;

import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.extract.ArticleExtractor;
import io.dyad.ingest.extract.ExtractedArticle;
import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.fetch.FeedFetcher;
import io.dyad.ingest.fetch.FetchException;
import io.dyad.ingest.fetch.HttpFetchResult;
import io.dyad.ingest.fetch.RobotsPolicy;
import io.dyad.ingest.fetch.UrlRefusedException;
import io.dyad.ingest.extract.PageDecoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Gives a feed item its full text: when the item's own text is short or absent, the article page is fetched (same
 * guard, limits and deadline as feeds) and its main text extracted. The item's URL stays its identity; metadata the
 * feed lacked (authors, date, language) is taken from the page. Pages robots.txt disallows for us are not fetched.
 * Any failure keeps the feed's text. Blocking.
 */
@ApplicationScoped
public class FullTextService {

    private static final Logger LOG = Logger.getLogger(FullTextService.class);

    @Inject
    IngestConfig config;

    @Inject
    FeedFetcher fetcher;

    @Inject
    ArticleExtractor extractor;

    @Inject
    IngestMetrics metrics;

    @Inject
    RobotsPolicy robots;

    public boolean needsFullText(ArticleDraft draft) {
        return config.fullText().enabled()
                && (draft.text() == null || draft.text().length() < config.fullText().minTextChars());
    }

    /** The draft with the page's text when that is longer than what the feed gave; else the draft itself. */
    public ArticleDraft complete(ArticleDraft draft) {
        if (!needsFullText(draft)) {
            return draft;
        }
        try {
            URI url = URI.create(draft.url());
            if (!robots.allowed(url)) {
                metrics.fullText("robots_disallowed");
                LOG.debugf("full text of %s: disallowed by robots.txt", draft.url());
                return draft;
            }
            HttpFetchResult page = fetcher.fetch(url, null, null);
            if (!page.successful()) {
                metrics.fullText("failed");
                LOG.debugf("full text of %s: HTTP %d", draft.url(), page.status());
                return draft;
            }
            ExtractedArticle article = extractor.extract(PageDecoder.decode(page.body(), page.contentType()),
                    page.uri().toString());
            String current = draft.text() == null ? "" : draft.text();
            if (article.text() == null || article.text().length() <= current.length()) {
                metrics.fullText("kept_feed_text");
                return draft;
            }
            metrics.fullText("extracted");
            return withText(draft, article);
        } catch (UrlRefusedException | FetchException | IllegalArgumentException e) {
            metrics.fullText("failed");
            LOG.debugf("full text of %s not fetched: %s", draft.url(), e.getMessage());
            return draft;
        }
    }

    private static ArticleDraft withText(ArticleDraft draft, ExtractedArticle page) {
        String text = page.text();
        String summary = draft.summary() != null && !draft.summary().isBlank() ? draft.summary()
                : text.split("\n\n", 2)[0];
        return new ArticleDraft(draft.url(), draft.canonicalUrl(), draft.articleId(), draft.source(), draft.title(),
                summary, text, draft.language() != null ? draft.language() : page.language(),
                draft.authors() != null && !draft.authors().isEmpty() ? draft.authors() : page.authors(),
                draft.publishedAt() != null ? draft.publishedAt() : page.publishedAt(), draft.fetchedAt(),
                ArticleIds.contentHash(draft.title(), text));
    }
}
