package io.dyad.ingest.extract;

import java.time.Instant;
import java.util.List;

/** What {@link ArticleExtractor} finds in a page; every field but {@code text} and {@code authors} may be null. */
public record ExtractedArticle(String title, String text, List<String> authors, Instant publishedAt, String language,
        String canonicalUrl) {
}
