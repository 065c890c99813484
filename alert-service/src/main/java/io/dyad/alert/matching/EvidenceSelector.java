package io.dyad.alert.matching;

import io.dyad.contracts.CountryPair;
import io.dyad.contracts.CountryTag;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import io.dyad.contracts.TaggedArticle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the spans an alert shows as "why it matched": the matched pairs' evidence (or, for a match on countries only,
 * the matched countries'), then the matched issues' evidence; identical spans once, at most {@link #MAX} in all, and
 * some room kept for issue evidence so both halves of the match are explained.
 */
public final class EvidenceSelector {

    public static final int MAX = 5;
    private static final int ISSUE_SHARE = 2;

    private EvidenceSelector() {
    }

    public static List<Evidence> select(TaggedArticle article, Match match) {
        return select(article, match.pairs(), match.countries(), match.issues());
    }

    /** As {@link #select(TaggedArticle, Match)} for the matched pairs, countries and issues recorded earlier. */
    public static List<Evidence> select(TaggedArticle article, Collection<String> pairs, Collection<String> countries,
            Collection<String> issues) {
        Map<String, Evidence> where = new LinkedHashMap<>();
        for (PairTag tag : nonNull(article.pairs())) {
            CountryPair pair = ArticleTags.parseOrNull(tag.pair());
            if (pair != null && pairs.contains(pair.toString())) {
                addAll(where, tag.evidence());
            }
        }
        if (pairs.isEmpty()) {
            for (CountryTag tag : nonNull(article.countries())) {
                if (countries.contains(tag.code())) {
                    addAll(where, tag.evidence());
                }
            }
        }
        Map<String, Evidence> why = new LinkedHashMap<>();
        for (IssueTag tag : nonNull(article.issues())) {
            if (issues.contains(tag.id())) {
                for (Evidence e : nonNull(tag.evidence())) {
                    if (e != null && !where.containsKey(key(e))) {
                        why.putIfAbsent(key(e), e);
                    }
                }
            }
        }
        int issueQuota = Math.min(why.size(), Math.max(ISSUE_SHARE, MAX - where.size()));
        int whereQuota = Math.min(where.size(), MAX - issueQuota);
        issueQuota = Math.min(why.size(), MAX - whereQuota);
        List<Evidence> out = new ArrayList<>(MAX);
        where.values().stream().limit(whereQuota).forEach(out::add);
        why.values().stream().limit(issueQuota).forEach(out::add);
        return List.copyOf(out);
    }

    private static void addAll(Map<String, Evidence> into, List<Evidence> evidence) {
        for (Evidence e : nonNull(evidence)) {
            if (e != null) {
                into.putIfAbsent(key(e), e);
            }
        }
    }

    private static String key(Evidence e) {
        return e.field() + ':' + e.start() + ':' + e.end();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
