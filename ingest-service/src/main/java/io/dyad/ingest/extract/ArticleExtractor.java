package io.dyad.ingest.extract;

import jakarta.inject.Singleton;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Main text and metadata of an article page: schema.org JSON-LD ({@code NewsArticle} and kin, with
 * {@code articleBody}) where present, OpenGraph and meta tags, then our own boilerplate removal ({@link MainText})
 * with the edges trimmed ({@link EdgeTrimmer}). Thread-safe and free of I/O.
 */
@Singleton
public class ArticleExtractor {

    /**
     * @param html the page
     * @param baseUrl where it came from (resolves a relative canonical link), or null
     */
    public ExtractedArticle extract(String html, String baseUrl) {
        Document doc = Jsoup.parse(html == null ? "" : html, baseUrl == null ? "" : baseUrl);
        PageMetadata meta = PageMetadata.of(doc);
        String domText = EdgeTrimmer.trim(MainText.of(doc), meta.title);
        String text = chooseText(meta.articleBody, domText);
        return new ExtractedArticle(meta.title, text, List.copyOf(meta.authors), meta.publishedAt, meta.language,
                meta.canonicalUrl);
    }

    /** See {@link TextChooser#withStructured}. */
    static String chooseText(String jsonLdBody, String domText) {
        return TextChooser.withStructured(jsonLdBody, domText);
    }
}
