package io.dyad.ingest.extract;

import io.dyad.ingest.feed.HtmlText;
import jakarta.inject.Singleton;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Main text and metadata of an article page: schema.org JSON-LD ({@code NewsArticle} and kin, with
 * {@code articleBody}) where present, OpenGraph and meta tags, then our own boilerplate removal ({@link MainText}).
 * Thread-safe and free of I/O.
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
        String domText = MainText.of(doc);
        String text = chooseText(meta.articleBody, domText);
        return new ExtractedArticle(meta.title, text, List.copyOf(meta.authors), meta.publishedAt, meta.language,
                meta.canonicalUrl);
    }

    /**
     * The JSON-LD body when it is real prose and not much shorter than what the page shows (publishers sometimes
     * put a teaser there); otherwise the text found in the page.
     */
    static String chooseText(String jsonLdBody, String domText) {
        if (jsonLdBody == null) {
            return domText;
        }
        String structured = HtmlText.toPlainText(jsonLdBody);
        if (structured.length() >= 200 && structured.length() >= 0.6 * domText.length()) {
            return structured;
        }
        return domText;
    }
}
