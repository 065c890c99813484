package io.dyad.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * TaggedArticle v1 on {@link Topics#ARTICLES_TAGGED}, key = articleId: the RawArticle's fields plus the tags.
 * Schema: contracts/tagged-article-v1.schema.json.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaggedArticle(
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
        String contentHash,
        List<CountryTag> countries,
        List<PairTag> pairs,
        List<IssueTag> issues,
        String classifierVersion,
        Instant classifiedAt) {

    /** Copies {@code raw} and adds the tags; {@code language} is the detected one when the raw article had none. */
    public static TaggedArticle of(RawArticle raw, String language, List<CountryTag> countries, List<PairTag> pairs,
            List<IssueTag> issues, String classifierVersion, Instant classifiedAt) {
        return new TaggedArticle(RawArticle.SCHEMA_VERSION, raw.articleId(), raw.storyId(), raw.url(),
                raw.canonicalUrl(), raw.source(), raw.title(), raw.summary(), raw.text(),
                raw.language() != null ? raw.language() : language, raw.authors(), raw.publishedAt(),
                raw.fetchedAt(), raw.contentHash(), countries, pairs, issues, classifierVersion, classifiedAt);
    }
}
