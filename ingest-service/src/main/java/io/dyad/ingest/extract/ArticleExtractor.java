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
    private static final String DECISION = System.getProperty("dyad.extract.decision", "threshold");

    private String classified(List<Block> blocks, double[][] features, String ruleText, String title) {
        List<String> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).probability = model.probability(features[i]);
        }
        double cut = DECISION.equals("ef1") ? expectedF1Cut(blocks) : -1;
        boolean[] keep = new boolean[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            keep[i] = cut < 0 ? model.keeps(b.probability) : b.probability >= cut;
        }
        if (LOW > 0) {
            grow(blocks, keep);
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (keep[i] && seen.add(b.text)) {
                kept.add(b.text);
            }
        }
        String text = EdgeTrimmer.trim(String.join("\n\n", kept), title);
        return text.isEmpty() ? ruleText : text;
    }

    private static final double LOW = Double.parseDouble(System.getProperty("dyad.extract.low", "0"));
    private static final int GAP = Integer.getInteger("dyad.extract.gap", 1);

    /** Hysteresis: a block of probability at least LOW joins when a kept block is at most GAP blocks away. */
    private static void grow(List<Block> blocks, boolean[] keep) {
        int n = blocks.size();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (keep[i] || blocks.get(i).probability < LOW) {
                    continue;
                }
                for (int j = Math.max(0, i - GAP); j <= Math.min(n - 1, i + GAP); j++) {
                    if (keep[j]) {
                        keep[i] = true;
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    /**
     * The probability cut that maximises the page's expected F1 of words, 2 Σ_kept p·w / (Σ_kept w + Σ_all p·w),
     * keeping blocks in order of probability (each distinct text once).
     */
    static double expectedF1Cut(List<Block> blocks) {
        java.util.Map<String, double[]> unique = new java.util.HashMap<>(); // text -> {p, words}
        for (Block b : blocks) {
            unique.merge(b.text, new double[] {b.probability, b.chars}, (a, c) -> a[0] >= c[0] ? a : c);
        }
        List<double[]> order = new ArrayList<>(unique.values());
        order.sort((a, c) -> Double.compare(c[0], a[0]));
        double expectedTrue = 0;
        for (double[] u : order) {
            expectedTrue += u[0] * u[1];
        }
        double hits = 0;
        double size = 0;
        double best = 0;
        double cut = 1.01;
        for (double[] u : order) {
            hits += u[0] * u[1];
            size += u[1];
            double f1 = 2 * hits / (size + expectedTrue);
            if (f1 > best) {
                best = f1;
                cut = u[0];
            }
        }
        return cut;
    }

    /** See {@link TextChooser#withStructured}. */
    static String chooseText(String jsonLdBody, String domText) {
        return TextChooser.withStructured(jsonLdBody, domText);
    }
}
