package io.dyad.ingest.extract;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Main text and metadata of an article page: schema.org JSON-LD ({@code NewsArticle} and kin, with
 * {@code articleBody}) where present, OpenGraph and meta tags, then the page's text blocks kept or dropped by a
 * learned classifier ({@link BlockModel}) whose features include the rule-based boilerplate removal's own answer
 * ({@link MainText}), with the edges trimmed ({@link EdgeTrimmer}). Thread-safe and free of I/O.
 */
@Singleton
public class ArticleExtractor {

    /** Null: the rules alone decide (for measuring them, and for dumping features to train a model). */
    private final BlockModel model;

    public ArticleExtractor() {
        this(BlockModel.shipped());
    }

    ArticleExtractor(BlockModel model) {
        this.model = model;
    }

    /**
     * @param html the page
     * @param baseUrl where it came from (resolves a relative canonical link), or null
     */
    public ExtractedArticle extract(String html, String baseUrl) {
        return analyse(html, baseUrl).article();
    }

    /** Everything the extractor saw: the blocks, their features and the answer. */
    record Analysis(ExtractedArticle article, List<Block> blocks, double[][] features) {
    }

    Analysis analyse(String html, String baseUrl) {
        Document doc = Jsoup.parse(html == null ? "" : html, baseUrl == null ? "" : baseUrl);
        PageMetadata meta = PageMetadata.of(doc);
        List<Block> blocks = BlockSegmenter.of(doc.body());
        MainText.Result rules = MainText.run(doc); // removes boilerplate elements from doc: after segmenting
        String ruleText = EdgeTrimmer.trim(rules.text(), meta.title);
        String structured = meta.articleBody == null ? null : TextChooser.structuredText(meta.articleBody);
        String jsonLdText = structured == null ? null : MainText.normalise(structured);
        double[][] features = BlockFeatures.of(blocks, doc.body(), rules, ruleText, jsonLdText, meta.title);
        String domText = model == null ? ruleText : classified(blocks, features, ruleText, meta.title);
        String text = TextChooser.withStructuredText(structured, domText);
        ExtractedArticle article = new ExtractedArticle(meta.title, text, List.copyOf(meta.authors),
                meta.publishedAt, meta.language, meta.canonicalUrl);
        return new Analysis(article, blocks, features);
    }

    /**
     * The blocks the model keeps, in page order, each text once (pages often carry a second copy of a paragraph for
     * another screen size), edge-trimmed; the rules' text when the model keeps none.
     */
    private String classified(List<Block> blocks, double[][] features, String ruleText, String title) {
        List<String> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            b.probability = model.probability(features[i]);
            if (model.keeps(b.probability) && seen.add(b.text)) {
                kept.add(b.text);
            }
        }
        String text = EdgeTrimmer.trim(String.join("\n\n", kept), title);
        return text.isEmpty() ? ruleText : text;
    }

    /** See {@link TextChooser#withStructured}. */
    static String chooseText(String jsonLdBody, String domText) {
        return TextChooser.withStructured(jsonLdBody, domText);
    }
}
