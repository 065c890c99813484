package io.dyad.ingest.extract;

import io.dyad.ingest.feed.HtmlText;
import jakarta.inject.Singleton;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Main text and metadata of an article page: schema.org JSON-LD ({@code NewsArticle} and kin, with
 * {@code articleBody}) where present, OpenGraph and meta tags, then our own boilerplate removal ({@link MainText}),
 * whose answer is checked against second opinions ({@link TextChooser}). Thread-safe and free of I/O.
 */
@Singleton
public class ArticleExtractor {

    /**
     * @param html the page
     * @param baseUrl where it came from (resolves a relative canonical link), or null
     */
    public ExtractedArticle extract(String html, String baseUrl) {
        String page = html == null ? "" : html;
        String base = baseUrl == null ? "" : baseUrl;
        Document doc = Jsoup.parse(page, base);
        PageMetadata meta = PageMetadata.of(doc);
        MainText.Candidates candidates = MainText.candidates(doc, true);
        String domText = TextChooser.fromPage(candidates);
        if (TextChooser.tooShort(domText)) {
            // Readability's retry: class names that read like boilerplate may have removed the article itself
            MainText.Candidates loose = MainText.candidates(Jsoup.parse(page, base), false);
            domText = TextChooser.longer(domText, TextChooser.fromPage(loose));
        }
        String text = TextChooser.withStructured(meta.articleBody, EdgeTrimmer.trim(domText, meta.title));
        return new ExtractedArticle(meta.title, text, List.copyOf(meta.authors), meta.publishedAt, meta.language,
                meta.canonicalUrl);
    }

    /** See {@link TextChooser#withStructured}. */
    static String chooseText(String jsonLdBody, String domText) {
        return TextChooser.withStructured(jsonLdBody, domText);
    }
}
