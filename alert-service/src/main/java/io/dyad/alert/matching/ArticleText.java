package io.dyad.alert.matching;

import io.dyad.contracts.TaggedArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;

/**
 * An article's words for keyword queries: {@code title}, and {@code text} (summary and body). Analysed once, lazily,
 * into a one-document in-memory index that every candidate's query runs against. Long bodies are cut at
 * {@link #MAX_TEXT} characters so one article cannot make matching slow.
 */
public final class ArticleText {

    static final int MAX_TEXT = 50_000;

    private final String title;
    private final String text;
    private MemoryIndex index;
    private Set<String> terms;
    private TreeSet<String> sortedTerms;

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
        return terms().contains(term);
    }

    boolean hasTermStartingWith(String prefix) {
        if (sortedTerms == null) {
            sortedTerms = new TreeSet<>(terms());
        }
        String next = sortedTerms.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** The distinct analysed words of title and text: one pass of the analyser, made once per article. */
    private Set<String> terms() {
        if (terms == null) {
            Set<String> out = new HashSet<>();
            collect(KeywordQueries.TITLE, title, out);
            collect(KeywordQueries.TEXT, text, out);
            terms = out;
        }
        return terms;
    }

    private static void collect(String field, String value, Set<String> into) {
        try (TokenStream stream = KeywordQueries.ANALYZER.tokenStream(field, value)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                into.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The article as a Lucene document, for the monitor. */
    Document document() {
        Document doc = new Document();
        doc.add(new TextField(KeywordQueries.TITLE, title, Field.Store.NO));
        doc.add(new TextField(KeywordQueries.TEXT, text, Field.Store.NO));
        return doc;
    }
}
