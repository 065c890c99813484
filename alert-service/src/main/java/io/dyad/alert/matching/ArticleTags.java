package io.dyad.alert.matching;

import io.dyad.contracts.CountryPair;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import io.dyad.contracts.TaggedArticle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tags of one article in the form the index looks them up, each with its score: pairs in sorted form, country
 * codes (the tagged countries plus both sides of every pair) and issue ids; its language and source (id and name,
 * lower case); and its words for keyword queries. Pairs that do not parse cannot match any (validated) subscription
 * and are left out.
 */
public final class ArticleTags {

    private final Map<String, Double> pairs;
    private final Map<String, Double> countries;
    private final Map<String, Double> issues;
    private final String language;
    private final Set<String> sourceKeys;
    private final ArticleText text;
    /** the tags as numbers for the index, made on first use (one article is matched by one thread) */
    private ArticleProbe probe;

    public ArticleTags(Map<String, Double> pairs, Map<String, Double> countries, Map<String, Double> issues,
            String language, Set<String> sourceKeys, ArticleText text) {
        this.pairs = Map.copyOf(pairs);
        this.countries = Map.copyOf(countries);
        this.issues = Map.copyOf(issues);
        this.language = language == null ? null : language.toLowerCase(Locale.ROOT);
        this.sourceKeys = Set.copyOf(sourceKeys);
        this.text = text == null ? new ArticleText("", "") : text;
    }

    /** Tags without scores (each counts as 1.0), no language, source or text: for tests of the index. */
    public ArticleTags(Set<String> pairs, Set<String> countries, Set<String> issues) {
        this(ones(pairs), ones(countries), ones(issues), null, Set.of(), null);
    }

    public static ArticleTags of(TaggedArticle article) {
        Map<String, Double> pairs = new HashMap<>();
        Map<String, Double> countries = new HashMap<>();
        Map<String, Double> issues = new HashMap<>();
        for (PairTag tag : nonNull(article.pairs())) {
            CountryPair pair = tag == null ? null : parseOrNull(tag.pair());
            if (pair != null) {
                pairs.merge(pair.toString(), tag.score(), Math::max);
                countries.merge(pair.first(), tag.score(), Math::max);
                countries.merge(pair.second(), tag.score(), Math::max);
            }
        }
        for (CountryTag tag : nonNull(article.countries())) {
            if (tag != null && tag.code() != null && CountryPair.isCountryCode(tag.code())) {
                countries.merge(tag.code(), tag.score(), Math::max);
            }
        }
        for (IssueTag tag : nonNull(article.issues())) {
            if (tag != null && tag.id() != null) {
                issues.merge(tag.id(), tag.score(), Math::max);
            }
        }
        Set<String> sourceKeys = new HashSet<>();
        if (article.source() != null) {
            addLower(sourceKeys, article.source().id());
            addLower(sourceKeys, article.source().name());
        }
        return new ArticleTags(pairs, countries, issues, article.language(), sourceKeys, ArticleText.of(article));
    }

    /** The same tags with the words not yet analysed (for benchmarks). */
    public ArticleTags copyWithFreshText() {
        return new ArticleTags(pairs, countries, issues, language, sourceKeys, text.fresh());
    }

    public Set<String> pairs() {
        return pairs.keySet();
    }

    public Set<String> countries() {
        return countries.keySet();
    }

    public Set<String> issues() {
        return issues.keySet();
    }

    public String language() {
        return language;
    }

    public Set<String> sourceKeys() {
        return sourceKeys;
    }

    public ArticleText text() {
        return text;
    }

    ArticleProbe probe() {
        if (probe == null) {
            probe = new ArticleProbe(pairs, countries, issues);
        }
        return probe;
    }

    /** True when the article carries {@code pair} with at least {@code minScore} (null: any score). */
    boolean hasPair(String pair, Double minScore) {
        return has(pairs, pair, minScore);
    }

    boolean hasCountry(String country, Double minScore) {
        return has(countries, country, minScore);
    }

    boolean hasIssue(String issue, Double minScore) {
        return has(issues, issue, minScore);
    }

    private static boolean has(Map<String, Double> tags, String key, Double minScore) {
        Double score = tags.get(key);
        return score != null && (minScore == null || score >= minScore);
    }

    static CountryPair parseOrNull(String text) {
        try {
            return CountryPair.parse(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static void addLower(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value.strip().toLowerCase(Locale.ROOT));
        }
    }

    private static Map<String, Double> ones(Set<String> keys) {
        Map<String, Double> out = new HashMap<>();
        keys.forEach(k -> out.put(k, 1.0));
        return out;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
