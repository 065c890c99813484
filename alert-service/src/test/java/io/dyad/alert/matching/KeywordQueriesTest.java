package io.dyad.alert.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordQueriesTest {

    private static final ArticleText ARTICLE = new ArticleText("Mexico and United States agree on new tariff rules",
            "Officials signed a trade accord that cuts tariffs on steel. Migración at the border was discussed.");

    private static boolean finds(String query) {
        return new ArticleText("Mexico and United States agree on new tariff rules",
                "Officials signed a trade accord that cuts tariffs on steel. Migración at the border was discussed.")
                .matches(KeywordQueries.parse(query));
    }

    @Test
    void booleanOperatorsPhrasesAndFieldScopes() {
        assertThat(finds("tariffs AND steel")).isTrue();
        assertThat(finds("tariffs AND aluminium")).isFalse();
        assertThat(finds("aluminium OR steel")).isTrue();
        assertThat(finds("steel NOT aluminium")).isTrue();
        assertThat(finds("steel NOT border")).isFalse();
        assertThat(finds("\"trade accord\"")).isTrue();
        assertThat(finds("\"accord trade\"")).isFalse();
        assertThat(finds("title:tariff")).isTrue();
        assertThat(finds("title:steel")).isFalse();
        assertThat(finds("text:steel")).isTrue();
        assertThat(finds("(title:mexico OR title:canada) AND text:\"cuts tariffs\"")).isTrue();
    }

    @Test
    void bareWordsAreJoinedByAndAndMatchEitherField() {
        assertThat(finds("mexico steel")).isTrue(); // mexico in the title, steel in the text
        assertThat(finds("mexico aluminium")).isFalse();
    }

    @Test
    void caseAccentsAndPrefixes() {
        assertThat(finds("MEXICO")).isTrue();
        assertThat(finds("migracion")).isTrue();
        assertThat(finds("migración")).isTrue();
        assertThat(finds("tarif*")).isTrue();
        assertThat(finds("alumin*")).isFalse();
    }

    @Test
    void badQueriesSayWhatIsWrong() {
        assertThatThrownBy(() -> KeywordQueries.parse("tariff AND (steel")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot be parsed: Cannot parse 'tariff AND (steel'");
        assertThatThrownBy(() -> KeywordQueries.parse("author:smith"))
                .hasMessageContaining("unknown field author; a query may search title: and text:");
        assertThatThrownBy(() -> KeywordQueries.parse("NOT steel")).hasMessageContaining("not negated");
        assertThatThrownBy(() -> KeywordQueries.parse("*steel")).hasMessageContaining("cannot be parsed");
        assertThatThrownBy(() -> KeywordQueries.parse("  ")).hasMessage("must not be blank");
        assertThatThrownBy(() -> KeywordQueries.parse("!!! ...")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeywordQueries.parse("a".repeat(1001))).hasMessageContaining("longer than 1000");
        assertThat(ARTICLE.matches(KeywordQueries.parse("steel"))).isTrue();
    }

    @Test
    void anchorsNeverRejectAnArticleTheQueryFinds() {
        List<String> queries = List.of("steel", "tariffs AND steel", "aluminium OR steel", "steel NOT aluminium",
                "\"trade accord\"", "title:tariff", "(title:mexico OR title:canada) AND text:\"cuts tariffs\"",
                "Tarif*", "migracion", "mexico aluminium", "aluminium", "alumin*", "+steel -border", "stee?",
                "steel~1", "title:(rules OR laws) AND NOT soybean");
        List<ArticleText> articles = List.of(ARTICLE,
                new ArticleText("Japan and Brazil sign a soybean export deal", "Tokyo — soybean trade; steel too."),
                new ArticleText("", "Aluminium and steel LAWS"));
        int rejected = 0;
        for (String text : queries) {
            org.apache.lucene.search.Query query = KeywordQueries.parse(text);
            QueryAnchors anchors = QueryAnchors.of(query);
            for (ArticleText article : articles) {
                ArticleText fresh = article.fresh();
                boolean passes = anchors == null || anchors.anyIn(fresh);
                if (fresh.matches(query)) {
                    assertThat(passes).as(text + " on " + article).isTrue();
                } else if (!passes) {
                    rejected++;
                }
            }
        }
        // and they do reject most non-matches cheaply
        assertThat(rejected).isGreaterThan(10);
        assertThat(finds("Tarif*")).isTrue();
        assertThat(QueryAnchors.of(KeywordQueries.parse("stee?"))).isNull();
    }

    @Test
    void wordQueriesDecideExactlyAsTheIndexAndPrechecksNeverRejectAMatch() {
        List<String> queries = List.of("steel", "tariffs AND steel", "aluminium OR steel", "steel NOT aluminium",
                "\"trade accord\"", "title:tariff", "(title:mexico OR title:canada) AND text:\"cuts tariffs\"",
                "Tarif*", "migracion", "mexico aluminium", "alumin*", "+steel -border", "stee?", "steel~1",
                "title:(rules OR laws) AND NOT soybean", "\"accord tuesday\" OR title:japan", "steel NOT \"cuts tariffs\"",
                "title:mex* OR text:bras*", "(steel AND NOT steel) OR soybean", "title:\"export deal\"~2");
        List<ArticleText> articles = List.of(ARTICLE,
                new ArticleText("Japan and Brazil sign a soybean export deal", "Tokyo — soybean trade; steel too."),
                new ArticleText("", "Aluminium and steel LAWS"),
                new ArticleText("Brasília: steel deal", "Sin acuerdo; \uD800steel (a lone surrogate) and border talk"));
        int compiled = 0;
        int prechecked = 0;
        for (String text : queries) {
            org.apache.lucene.search.Query query = KeywordQueries.parse(text);
            WordQuery exact = WordQuery.of(query);
            WordQuery precheck = WordQuery.necessary(query);
            compiled += exact == null ? 0 : 1;
            prechecked += exact == null && precheck != null ? 1 : 0;
            for (ArticleText article : articles) {
                boolean found = article.fresh().matches(query);
                if (exact != null) {
                    assertThat(exact.matches(article.fresh())).as(text + " on " + article).isEqualTo(found);
                }
                if (precheck != null && found) {
                    assertThat(precheck.matches(article.fresh())).as("precheck " + text + " on " + article).isTrue();
                }
            }
        }
        // words, prefixes, exact phrases and AND/OR/NOT compile; a sloppy phrase gets a precheck; wildcards and fuzzy
        // terms neither
        assertThat(compiled).isEqualTo(17);
        assertThat(prechecked).isEqualTo(1);
        assertThat(WordQuery.of(KeywordQueries.parse("\"trade accord\"~1"))).isNull();
        assertThat(WordQuery.necessary(KeywordQueries.parse("\"trade accord\"~1")).matches(
                new ArticleText("", "accord on trade"))).isTrue();
        assertThat(WordQuery.necessary(KeywordQueries.parse("\"trade accord\"~1")).matches(
                new ArticleText("", "trade only"))).isFalse();
    }

    /**
     * The word checks stored in posting entries never contradict Lucene: "no" only when the query does not find the
     * article, "match" only when it does; they decide plain words, AND, OR and scoped words outright.
     */
    @Test
    void wordChecksNeverContradictTheIndex() {
        List<String> queries = List.of("steel", "tariffs AND steel", "aluminium OR steel", "steel NOT aluminium",
                "\"trade accord\"", "title:tariff", "text:tariff",
                "(title:mexico OR title:canada) AND text:\"cuts tariffs\"",
                "Tarif*", "migracion", "mexico aluminium", "alumin*", "+steel -border", "stee?", "steel~1",
                "deal OR title:japan", "title:steel OR text:steel", "\"export deal\"~2", "soybean AND (trade OR deal)");
        List<ArticleText> articles = List.of(ARTICLE,
                new ArticleText("Japan and Brazil sign a soybean export deal", "Tokyo — soybean trade; steel too."),
                new ArticleText("", "Aluminium and steel LAWS"),
                new ArticleText("Brasília: steel deal", "Sin acuerdo; \uD800steel (a lone surrogate) and border talk"));
        int decided = 0;
        int turnedAway = 0;
        for (String text : queries) {
            org.apache.lucene.search.Query query = KeywordQueries.parse(text);
            WordQuery exact = WordQuery.of(query);
            int[] checks = WordChecks.of(query, exact, exact == null ? WordQuery.necessary(query) : null);
            int count = WordChecks.count(checks);
            for (ArticleText article : articles) {
                boolean found = article.fresh().matches(query);
                int said = count == 0 ? WordChecks.MAYBE : WordChecks.hold(checks, 0, count, article.fresh());
                if (said == WordChecks.NO) {
                    assertThat(found).as(text + " on " + article).isFalse();
                    turnedAway++;
                } else if (said == WordChecks.MATCH) {
                    assertThat(found).as(text + " on " + article).isTrue();
                    decided++;
                }
            }
        }
        assertThat(decided).isGreaterThan(8);
        assertThat(turnedAway).isGreaterThan(20);
        // what decides outright, and what does not
        assertThat(WordChecks.hold(checksOf("steel OR acero"), 0, 2, new ArticleText("", "acero")))
                .isEqualTo(WordChecks.MATCH);
        assertThat(WordChecks.hold(checksOf("steel NOT acero"), 0, 1, new ArticleText("", "steel")))
                .isEqualTo(WordChecks.MAYBE);
        assertThat(WordChecks.hold(checksOf("title:steel"), 0, 1, new ArticleText("", "steel")))
                .isEqualTo(WordChecks.NO);
    }

    /** Prefixes of one to many chars, words beyond the Latin alphabet, a prefix equal to a word: as Lucene. */
    @Test
    void prefixesDecideAsTheIndex() {
        List<String> queries = List.of("a*", "ab*", "abc*", "abcd*", "ñan*", "ñ*", "nan*", "日*", "中文*", "\uFFEEx*",
                "title:st*", "text:st*", "z*", "steel*", "steels*");
        List<ArticleText> articles = List.of(new ArticleText("Steel", "ab abc ñandú 日本語 中文 steel"),
                new ArticleText("a", "\uFFEExy nandu abd"), new ArticleText("", "zz"), new ArticleText("", ""));
        int found = 0;
        for (String text : queries) {
            org.apache.lucene.search.Query query = KeywordQueries.parse(text);
            WordQuery exact = WordQuery.of(query);
            assertThat(exact).as(text).isNotNull();
            for (ArticleText article : articles) {
                boolean lucene = article.fresh().matches(query);
                assertThat(exact.matches(article.fresh())).as(text + " on " + article).isEqualTo(lucene);
                found += lucene ? 1 : 0;
            }
        }
        assertThat(found).isBetween(10, 40);
    }

    private static int[] checksOf(String text) {
        org.apache.lucene.search.Query query = KeywordQueries.parse(text);
        return WordChecks.of(query, WordQuery.of(query), null);
    }

    /**
     * Exact phrases are decided from the article's word positions: the same answer as Lucene's in-memory index for
     * order, adjacency across punctuation, repeated words, accents, field scopes, a phrase split between title and
     * text, three-word phrases and words the tokenizer splits.
     */
    @Test
    void exactPhrasesDecideAsTheIndex() {
        List<String> queries = List.of("\"trade accord\"", "\"accord trade\"", "\"steel border\"",
                "\"trade trade\"", "\"deal deal deal\"", "\"migracion at the border\"",
                "title:\"rules officials\"",
                "\"rules officials\"", "text:\"cuts tariffs on steel\"", "\"u.s steel\"", "\"e-mail rules\"",
                "\"tariffs steel\"", "title:\"new tariff\" AND NOT \"trade accord\"",
                "\"deal accord\" OR \"accord deal\"");
        List<ArticleText> articles = List.of(
                new ArticleText("Mexico and United States agree on new tariff rules",
                        "Officials signed a trade accord that cuts tariffs on steel. Migración at the border was "
                                + "discussed."),
                new ArticleText("Trade, trade and deal deal deal", "steel; border. U.S. steel, e-mail rules"),
                new ArticleText("rules", "officials accord deal accord trade"),
                new ArticleText("", ""));
        int found = 0;
        for (String text : queries) {
            org.apache.lucene.search.Query query = KeywordQueries.parse(text);
            WordQuery exact = WordQuery.of(query);
            assertThat(exact).as(text).isNotNull();
            for (ArticleText article : articles) {
                boolean lucene = article.fresh().matches(query);
                assertThat(exact.matches(article.fresh())).as(text + " on " + article).isEqualTo(lucene);
                found += lucene ? 1 : 0;
            }
        }
        // both answers occur
        assertThat(found).isBetween(8, queries.size() * articles.size() - 20);
    }
}
