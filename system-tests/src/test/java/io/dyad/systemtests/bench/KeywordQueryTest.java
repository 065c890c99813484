package io.dyad.systemtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

/**
 * The benchmark decides which keyword alerts are due with its own matcher ({@link KeywordQuery} over
 * {@link ArticleWords}), not alert-service's. This checks that matcher against Lucene itself, set up as
 * alert-service's README documents the rule (standard tokenizer, lower case, accents folded, no stemming; a bare word
 * searches title and text; bare words joined by AND), on generated articles and the queries the benchmark subscribes
 * with, so a disagreement shows here rather than as "lost" or "unexpected" alerts in a long benchmark run.
 */
class KeywordQueryTest {

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    };

    @Test
    void handWrittenCases() {
        ArticleWords article = ArticleWords.of("Mexico presses Chile over lithium, Velmora Mining says",
                "Los precios de café subieron. The government's plan.\n\nPrices of copper rose after the announcement.");
        assertThat(new KeywordQuery.Term(null, "cafe").matches(article)).isTrue();
        assertThat(new KeywordQuery.Term(null, "café").matches(article)).isTrue();
        assertThat(new KeywordQuery.Term("title", "copper").matches(article)).isFalse();
        assertThat(new KeywordQuery.Term("text", "copper").matches(article)).isTrue();
        assertThat(new KeywordQuery.Prefix(null, "velm").matches(article)).isTrue();
        assertThat(new KeywordQuery.Phrase(null, List.of("prices", "of", "copper")).matches(article)).isTrue();
        assertThat(new KeywordQuery.Phrase(null, List.of("copper", "prices")).matches(article)).isFalse();
        assertThat(new KeywordQuery.Term(null, "government").matches(article)).as("government's is one word").isFalse();
        KeywordQuery notChile = new KeywordQuery.Not(new KeywordQuery.Term(null, "lithium"),
                new KeywordQuery.Term(null, "chile"));
        assertThat(notChile.matches(article)).isFalse();
        assertThat(notChile.lucene()).isEqualTo("(lithium NOT chile)");
        assertThat(KeywordQuery.and(new KeywordQuery.Term("title", "velmora"),
                new KeywordQuery.Phrase(null, List.of("prices", "of", "copper"))).lucene())
                .isEqualTo("(title:velmora AND \"prices of copper\")");
    }

    @Test
    void theBenchmarksMatcherAgreesWithLuceneOnGeneratedArticlesAndQueries() throws Exception {
        List<ArticleGenerator.Generated> articles = new ArrayList<>();
        ArticleGenerator generator = new ArticleGenerator(7, "keyword-test");
        for (int i = 0; i < 150; i++) {
            articles.add(generator.next());
        }
        List<KeywordQuery> queries = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Subscriptions.Filter f : new Subscriptions(11, 0.05).generate(20_000)) {
            if (f.query() != null) {
                queries.add(f.query());
                kinds.add(f.kind());
            }
        }
        Map<String, long[]> byKind = new TreeMap<>();
        assertThat(queries).hasSizeGreaterThan(1000);
        assertThat(kinds).contains("query", "pairs+query", "countries+query", "issues+query");
        QueryParser parser = new MultiFieldQueryParser(new String[] {"title", "text"}, ANALYZER);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        List<Query> parsed = new ArrayList<>();
        for (KeywordQuery q : queries) {
            parsed.add(parser.parse(q.lucene()));
        }
        long matches = 0;
        List<String> disagreements = new ArrayList<>();
        for (ArticleGenerator.Generated article : articles) {
            MemoryIndex index = new MemoryIndex();
            index.addField("title", article.title(), ANALYZER);
            index.addField("text", article.searchText(), ANALYZER);
            ArticleWords words = ArticleWords.of(article.title(), article.searchText());
            for (int i = 0; i < queries.size(); i++) {
                boolean lucene = index.search(parsed.get(i)) > 0;
                boolean ours = queries.get(i).matches(words);
                matches += ours ? 1 : 0;
                long[] counts = byKind.computeIfAbsent(kinds.get(i), k -> new long[2]);
                counts[0]++;
                counts[1] += ours ? 1 : 0;
                if (lucene != ours && disagreements.size() < 10) {
                    disagreements.add(queries.get(i).lucene() + " lucene=" + lucene + " ours=" + ours + " in "
                            + article.title());
                }
            }
        }
        assertThat(disagreements).isEmpty();
        // the queries are narrow, as they must be to be tried on every article, but they do match
        assertThat(matches).isPositive();
        System.out.printf("[bench] keyword queries: %d queries × %d articles, %d matches (%.3f %%)%n", queries.size(),
                articles.size(), matches, 100.0 * matches / queries.size() / articles.size());
        // how often each kind's query alone matches an article (the place and issue parts narrow it further)
        byKind.forEach((kind, c) -> System.out.printf("[bench]   %s: %.3f %% of articles%n", kind, 100.0 * c[1] / c[0]));
    }
}
