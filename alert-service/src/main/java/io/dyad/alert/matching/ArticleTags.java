package io.dyad.alert.matching;

import io.dyad.contracts.CountryPair;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import io.dyad.contracts.TaggedArticle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of one article in the form the index looks them up: pairs in sorted form, country codes (the tagged
 * countries plus both sides of every pair) and issue ids. Pairs that do not parse cannot match any (validated)
 * subscription and are left out.
 */
public record ArticleTags(Set<String> pairs, Set<String> countries, Set<String> issues) {

    public ArticleTags {
        pairs = Set.copyOf(pairs);
        countries = Set.copyOf(countries);
        issues = Set.copyOf(issues);
    }

    public static ArticleTags of(TaggedArticle article) {
        Set<String> pairs = new LinkedHashSet<>();
        Set<String> countries = new LinkedHashSet<>();
        Set<String> issues = new LinkedHashSet<>();
        for (PairTag tag : nonNull(article.pairs())) {
            CountryPair pair = parseOrNull(tag.pair());
            if (pair != null) {
                pairs.add(pair.toString());
                countries.add(pair.first());
                countries.add(pair.second());
            }
        }
        for (CountryTag tag : nonNull(article.countries())) {
            if (tag.code() != null && CountryPair.isCountryCode(tag.code())) {
                countries.add(tag.code());
            }
        }
        for (IssueTag tag : nonNull(article.issues())) {
            if (tag.id() != null) {
                issues.add(tag.id());
            }
        }
        return new ArticleTags(pairs, countries, issues);
    }

    static CountryPair parseOrNull(String text) {
        try {
            return CountryPair.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
