package io.dyad.alert.matching;

import io.dyad.contracts.TaggedArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * An article's words for keyword queries: {@code title}, and {@code text} (summary and body). Each field is analysed
 * once, lazily, into its set of distinct words, which decides word queries ({@link WordQuery}), query anchors and the
 * keyword-only presearch ({@link AnchorPostings}); queries that need positions (phrases) run against a one-document
 * in-memory index, built only when one of them gets that far. Long bodies are cut at {@link #MAX_TEXT} characters so
 * one article cannot make matching slow.
 */
public final class ArticleText {

    static final int MAX_TEXT = 50_000;

    private final String title;
    private final String text;
    private MemoryIndex index;
    private Set<String> titleWords;
    private Set<String> textWords;
    private String[] sortedTitle;
    private String[] sortedText;

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
        return words(KeywordQueries.TITLE).contains(term) || words(KeywordQueries.TEXT).contains(term);
    }

    boolean hasTermStartingWith(String prefix) {
        return hasTermStartingWith(KeywordQueries.TITLE, prefix) || hasTermStartingWith(KeywordQueries.TEXT, prefix);
    }

    /** True when {@code field} (title or text) holds {@code term}, as the field's terms in the in-memory index. */
    boolean hasTerm(String field, String term) {
        return words(field).contains(term);
    }

    boolean hasTermStartingWith(String field, String prefix) {
        String[] sorted = sortedWords(field);
        int at = Arrays.binarySearch(sorted, prefix);
        int next = at >= 0 ? at : -at - 1;
        return next < sorted.length && sorted[next].startsWith(prefix);
    }

    /** The distinct analysed words of title and text, each field analysed once per article. */
    Set<String> words(String field) {
        if (KeywordQueries.TITLE.equals(field)) {
            if (titleWords == null) {
                titleWords = collect(field, title);
            }
            return titleWords;
        }
        if (KeywordQueries.TEXT.equals(field)) {
            if (textWords == null) {
                textWords = collect(field, text);
            }
            return textWords;
        }
        return Set.of();
    }

    private String[] sortedWords(String field) {
        if (KeywordQueries.TITLE.equals(field)) {
            if (sortedTitle == null) {
                sortedTitle = sorted(words(field));
            }
            return sortedTitle;
        }
        if (KeywordQueries.TEXT.equals(field)) {
            if (sortedText == null) {
                sortedText = sorted(words(field));
            }
            return sortedText;
        }
        return new String[0];
    }

    private static String[] sorted(Set<String> words) {
        String[] out = words.toArray(String[]::new);
        Arrays.sort(out);
        return out;
    }

    private static Set<String> collect(String field, String value) {
        Set<String> into = new HashSet<>();
        try (TokenStream stream = KeywordQueries.ANALYZER.tokenStream(field, value)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                into.add(asIndexed(term));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /**
     * The word as the in-memory index stores it: UTF-8 bytes, where a lone surrogate becomes U+FFFD. Query terms
     * ({@code Term.text()}) come back from those bytes, so words compare equal exactly when Lucene's would.
     */
    private static String asIndexed(CharTermAttribute term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isSurrogate(term.charAt(i))) {
                return new BytesRef(term).utf8ToString();
            }
        }
        return term.toString();
    }
}
