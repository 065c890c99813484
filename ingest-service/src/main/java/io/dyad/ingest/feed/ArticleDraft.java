package io.dyad.ingest.feed;

import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import java.time.Instant;
import java.util.List;

/** Everything of a RawArticle except its storyId, which only deduplication can decide. */
public record ArticleDraft(String url, String canonicalUrl, String articleId, SourceRef source, String title,
        String summary, String text, String language, List<String> authors, Instant publishedAt, Instant fetchedAt,
        String contentHash) {

    public RawArticle toRawArticle(String storyId) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, articleId, storyId, url, canonicalUrl, source, title, summary,
                text, language, authors, publishedAt, fetchedAt, contentHash);
    }
}
