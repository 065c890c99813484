package io.dyad.alert.matching;

import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * Keyword queries of subscriptions in Lucene's classic query syntax: {@code AND}/{@code OR}/{@code NOT} (and
 * {@code +}/{@code -}), {@code "phrases"}, {@code title:}/{@code text:} scopes, {@code tariff*} prefixes, parentheses.
 * A bare word searches title and text; bare words are joined by AND (fewer, surer alerts). Words are lower-cased and
 * accents folded ({@code migración} = {@code migracion}), the same for queries and articles.
 */
public final class KeywordQueries {

    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final Set<String> FIELDS = Set.of(TITLE, TEXT);
    public static final int MAX_LENGTH = 1000;

    /** Tokenizer and filters shared by queries, the article's in-memory index and the monitor. */
    public static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
        }

        // prefix and other multi-term queries are normalised the same way (Tarif* = tarif*)
        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    };

    private KeywordQueries() {
    }

    /**
     * The parsed query, or {@link IllegalArgumentException} whose message says what is wrong (position, unknown
     * field, a query that can match nothing).
     */
    public static Query parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        // a parser per call: QueryParser is not thread-safe
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {TITLE, TEXT}, ANALYZER);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        Query query;
        try {
            query = parser.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot be parsed: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // e.g. too many clauses
            throw new IllegalArgumentException("cannot be parsed: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                if (!FIELDS.contains(field)) {
                    unknown.add(field);
                }
                return true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field " + String.join(", ", unknown)
                    + "; a query may search title: and text: (a bare word searches both)");
        }
        if (query instanceof MatchNoDocsQuery
                || (query instanceof BooleanQuery b && b.clauses().isEmpty())) {
            throw new IllegalArgumentException("has no searchable word");
        }
        if (query instanceof BooleanQuery b
                && b.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
            throw new IllegalArgumentException("needs at least one word that is not negated (NOT x alone matches "
                    + "nothing; write e.g. trade NOT x)");
        }
        return query;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        // "Cannot parse '...': Encountered ... at line 1, column 9.\nWas expecting one of: ..." — keep the first part
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.strip();
    }
}
