package io.dyad.alert.matching;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A cheap necessary condition for a keyword query, like the monitor's presearcher: words (or prefixes) of which an
 * article must contain at least one for the query to possibly match. A required clause contributes its own anchors
 * (the smallest set among the required clauses); a pure disjunction needs the anchors of all its clauses; negated
 * clauses add nothing. Queries it cannot reason about (wildcards, fuzzy, regexps) have none: they always run.
 */
public record QueryAnchors(List<String> words, List<String> prefixes) {

    /** The anchors of {@code query}, or null when it has none (run the query on every candidate article). */
    public static QueryAnchors of(Query query) {
        return anchors(query);
    }

    boolean anyIn(ArticleText text) {
        for (String word : words) {
            if (text.hasTerm(word)) {
                return true;
            }
        }
        for (String prefix : prefixes) {
            if (text.hasTermStartingWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private int size() {
        return words.size() + prefixes.size();
    }

    private static QueryAnchors anchors(Query q) {
        if (q instanceof TermQuery t) {
            return new QueryAnchors(List.of(t.getTerm().text()), List.of());
        }
        if (q instanceof PhraseQuery p) {
            Term[] terms = p.getTerms();
            if (terms.length == 0) {
                return null;
            }
            // every word of a phrase is required: the longest is the rarest guess
            String longest = terms[0].text();
            for (Term t : terms) {
                if (t.text().length() > longest.length()) {
                    longest = t.text();
                }
            }
            return new QueryAnchors(List.of(longest), List.of());
        }
        if (q instanceof PrefixQuery p) {
            return new QueryAnchors(List.of(), List.of(p.getPrefix().text()));
        }
        if (q instanceof BoostQuery b) {
            return anchors(b.getQuery());
        }
        if (q instanceof ConstantScoreQuery c) {
            return anchors(c.getQuery());
        }
        if (q instanceof BooleanQuery b) {
            QueryAnchors best = null;
            boolean anyRequired = false;
            for (BooleanClause c : b.clauses()) {
                if (c.isRequired()) {
                    anyRequired = true;
                    QueryAnchors a = anchors(c.getQuery());
                    if (a != null && (best == null || a.size() < best.size())) {
                        best = a;
                    }
                }
            }
            if (anyRequired) {
                return best;
            }
            List<String> words = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            boolean anyShould = false;
            for (BooleanClause c : b.clauses()) {
                if (c.getOccur() == BooleanClause.Occur.SHOULD) {
                    anyShould = true;
                    QueryAnchors a = anchors(c.getQuery());
                    if (a == null) {
                        return null;
                    }
                    words.addAll(a.words());
                    prefixes.addAll(a.prefixes());
                }
            }
            return anyShould ? new QueryAnchors(List.copyOf(words), List.copyOf(prefixes)) : null;
        }
        return null;
    }
}
