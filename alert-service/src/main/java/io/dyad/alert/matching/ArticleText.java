package io.dyad.alert.matching;

import io.dyad.contracts.TaggedArticle;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;

/**
 * An article's words for keyword queries: {@code title}, and {@code text} (summary and body). Each field is analysed
 * once, lazily, into its distinct words and their positions ({@link ArticleWords}), which decide word queries and
 * exact phrases ({@link WordQuery}), query anchors and the keyword-only presearch ({@link AnchorPostings}); other
 * queries (sloppy phrases, wildcards, fuzzy terms) run against a one-document in-memory index, built only when one of
 * them gets that far. Long bodies are cut at {@link #MAX_TEXT} characters so one article cannot make matching slow.
 */
public final class ArticleText {

    static final int MAX_TEXT = 50_000;

    private final String title;
    private final String text;
    private MemoryIndex index;
    private ArticleWords titleWords;
    private ArticleWords textWords;

    public ArticleText(String title, String text) {
        this.title = title == null ? "" : title;
        this.text = text == null ? "" : (text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    }

    public static ArticleText of(TaggedArticle article) {
        String summary = article.summary() == null ? "" : article.summary();
        String body = article.text() == null ? "" : article.text();
        return new ArticleText(article.title(), summary.isEmpty() ? body : summary + "\n\n" + body);
    }

    /** The same words, not yet analysed (benchmarks: each call pays for analysing the article, as in production). */
    public ArticleText fresh() {
        return new ArticleText(title, text);
    }

    /** True when {@code query} finds this article. Not thread-safe: one article is matched by one thread. */
    public boolean matches(Query query) {
        if (index == null) {
            MemoryIndex built = new MemoryIndex();
            built.addField(KeywordQueries.TITLE, title, KeywordQueries.ANALYZER);
            built.addField(KeywordQueries.TEXT, text, KeywordQueries.ANALYZER);
            built.freeze();
            index = built;
        }
        return index.search(query) > 0.0f;
    }

    /** True when the analysed title or text holds {@code term} (an analysed word). */
    boolean hasTerm(String term) {
        long fingerprint = Fingerprint.of(term);
        return titleWords().contains(fingerprint, term) || textWords().contains(fingerprint, term);
    }

    boolean hasTermStartingWith(String prefix) {
        return titleWords().containsPrefix(prefix) || textWords().containsPrefix(prefix);
    }

    /** True when {@code field} (title or text) holds {@code term}, as the field's terms in the in-memory index. */
    boolean hasTerm(String field, String term) {
        return words(field).contains(Fingerprint.of(term), term);
    }

    boolean hasTermStartingWith(String field, String prefix) {
        return words(field).containsPrefix(prefix);
    }

    /** True when some word of title or text may have this fingerprint (false: none has; true: check exactly). */
    boolean mayHave(long fingerprint) {
        return titleWords().mayContain(fingerprint) || textWords().mayContain(fingerprint);
    }

    /** The distinct analysed words of {@code field} (title or text; any other field has none). */
    ArticleWords words(String field) {
        return words(fieldNumber(field));
    }

    /** The words of a field by its {@link #fieldNumber}. */
    ArticleWords words(int field) {
        return switch (field) {
            case TITLE -> titleWords();
            case TEXT -> textWords();
            default -> ArticleWords.EMPTY;
        };
    }

    static final int TITLE = 0;
    static final int TEXT = 1;

    /** {@link #TITLE}, {@link #TEXT}, or -1 for a field no article has. */
    static int fieldNumber(String field) {
        return KeywordQueries.TITLE.equals(field) ? TITLE : KeywordQueries.TEXT.equals(field) ? TEXT : -1;
    }

    /** The title's words, analysed on the first call. */
    ArticleWords titleWords() {
        if (titleWords == null) {
            titleWords = ArticleWords.analyse(KeywordQueries.TITLE, title);
        }
        return titleWords;
    }

    ArticleWords textWords() {
        if (textWords == null) {
            textWords = ArticleWords.analyse(KeywordQueries.TEXT, text);
        }
        return textWords;
    }
}
