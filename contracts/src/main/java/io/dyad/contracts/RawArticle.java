package io.dyad.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** RawArticle v1 on {@link Topics#ARTICLES_RAW}, key = articleId. Schema: contracts/raw-article-v1.schema.json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawArticle(
        int schemaVersion,
        String articleId,
        String storyId,
        String url,
        String canonicalUrl,
        SourceRef source,
        String title,
        String summary,
        String text,
        String language,
        List<String> authors,
        Instant publishedAt,
        Instant fetchedAt,
        String contentHash) {

    public static final int SCHEMA_VERSION = 1;
}
