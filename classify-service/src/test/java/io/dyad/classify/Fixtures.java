package io.dyad.classify;

import io.dyad.classify.service.ArticleClassifier;
import io.dyad.classify.service.ClassifierSettings;
import io.dyad.contracts.ArticleIds;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test fixtures: synthetic articles written for these tests, and one classifier shared by the plain unit tests. */
public final class Fixtures {

    private static ArticleClassifier classifier;

    private Fixtures() {
    }

    /** An article of src/test/resources/articles: the first line is the title, the rest the text. */
    public record Article(String title, String text) {
    }

    public static Article article(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/articles/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            return new Article(content.substring(0, newline), content.substring(newline + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized ArticleClassifier classifier() {
        if (classifier == null) {
            classifier = ArticleClassifier.load(ClassifierSettings.defaults());
        }
        return classifier;
    }

    /** A RawArticle v1 of this article at a new URL, as ingest-service would publish it ({@code language} may be null). */
    public static RawArticle rawArticle(Article article, String language) {
        String url = "https://news.example.org/story/" + UUID.randomUUID() + "?utm_source=feed";
        String canonical = ArticleIds.canonicalUrl(url);
        String id = ArticleIds.articleId(canonical);
        return new RawArticle(RawArticle.SCHEMA_VERSION, id, id, url, canonical,
                new SourceRef("example-feed", "Example News", "rss", null, language), article.title(), "",
                article.text(), language, List.of("A. Reporter"), Instant.parse("2026-03-01T10:15:30Z"),
                Instant.now(), ArticleIds.contentHash(article.title(), article.text()));
    }
}
