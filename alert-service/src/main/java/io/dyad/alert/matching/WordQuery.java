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
 * A keyword query that needs only which words each field holds and where — words, prefixes, exact phrases, and
 * AND/OR/NOT of them — decided from the article's analysed words ({@link ArticleWords}) without a Lucene search. The
 * rules are Lucene's for a boolean query with no minimum-should-match: with a required clause, every required clause
 * holds and no prohibited one; without, at least one optional clause holds and no prohibited one (only prohibited
 * clauses match nothing). Anything else (sloppy phrases {@code "a b"~2}, wildcards {@code st?el}, fuzzy terms) is not compiled
 * ({@link #of} answers null) and runs on the article's in-memory index.
 */
abstract sealed class WordQuery {

    /** shared by every clause list that is empty: most Bool nodes have one or two of their three lists empty */
    private static final WordQuery[] NONE = new WordQuery[0];

    abstract boolean matches(ArticleText text);

    /** Adds words every match needs (see {@link Need}); adds none when it cannot tell. */
    abstract void requiredWords(List<Need> into);

    /**
     * The words whose presence is exactly this query (all of them, each in its field), or null when it is not such a
     * conjunction: {@code a}, {@code a AND b}, {@code title:a}.
     */
    List<Need> conjunction() {
        return null;
    }

    /**
     * The words of which one present is exactly this query, or null when it is not such a disjunction:
     * {@code a}, {@code a OR b}, {@code title:a OR text:b}.
     */
    List<Need> disjunction() {
        return null;
    }

    /** A word a match needs in a field ({@link ArticleText#TITLE}, {@link ArticleText#TEXT}) or in {@link #EITHER}. */
    record Need(int field, String word) {
        static final int EITHER = 2;
    }

    /** The compiled query, or null when it needs more than which words are present. */
    static WordQuery of(Query query) {
        if (query instanceof TermQuery t) {
            return new Word(t.getTerm().field(), t.getTerm().text());
        }
        if (query instanceof PrefixQuery p) {
            return new Prefix(p.getPrefix().field(), p.getPrefix().text());
        }
        if (query instanceof PhraseQuery p && p.getSlop() == 0 && p.getTerms().length > 0) {
            return new Phrase(p);
        }
        if (query instanceof BoostQuery b) {
            return of(b.getQuery());
        }
        if (query instanceof ConstantScoreQuery c) {
            return of(c.getQuery());
        }
        if (query instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0) {
            List<WordQuery> required = new ArrayList<>();
            List<WordQuery> optional = new ArrayList<>();
            List<WordQuery> prohibited = new ArrayList<>();
            for (BooleanClause c : b.clauses()) {
                WordQuery sub = of(c.getQuery());
                if (sub == null) {
                    return null;
                }
                switch (c.getOccur()) {
                    case MUST, FILTER -> required.add(sub);
                    case SHOULD -> optional.add(sub);
                    case MUST_NOT -> prohibited.add(sub);
                }
            }
            return bool(required, optional, prohibited);
        }
        return null;
    }

    /** A Bool of these clauses, or its only clause when that alone decides it (a required or a lone optional one). */
    private static WordQuery bool(List<WordQuery> required, List<WordQuery> optional, List<WordQuery> prohibited) {
        if (prohibited.isEmpty()) {
            if (required.size() == 1) {
                return required.get(0);
            }
            if (required.isEmpty() && optional.size() == 1) {
                return optional.get(0);
            }
        }
        return new Bool(array(required), array(optional), array(prohibited));
    }

    private static WordQuery[] array(List<WordQuery> clauses) {
        return clauses.isEmpty() ? NONE : clauses.toArray(WordQuery[]::new);
    }

    /**
     * A necessary condition of {@code query} in words, or null when there is none to be had: a phrase needs all its
     * words in its field; prohibited clauses are dropped (which only weakens the condition); wildcards, fuzzy terms
     * and the like give no condition. Used before running a query that {@link #of} cannot compile, so the article's
     * in-memory index is built only for queries that might match.
     */
    static WordQuery necessary(Query query) {
        if (query instanceof TermQuery || query instanceof PrefixQuery) {
            return of(query);
        }
        if (query instanceof PhraseQuery p) {
            Term[] terms = p.getTerms();
            if (terms.length == 0) {
                return null;
            }
            List<WordQuery> all = new ArrayList<>(terms.length);
            for (Term term : terms) {
                all.add(new Word(term.field(), term.text()));
            }
            return bool(all, List.of(), List.of());
        }
        if (query instanceof BoostQuery b) {
            return necessary(b.getQuery());
        }
        if (query instanceof ConstantScoreQuery c) {
            return necessary(c.getQuery());
        }
        if (query instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0) {
            List<WordQuery> required = new ArrayList<>();
            List<WordQuery> optional = new ArrayList<>();
            boolean anyRequired = false;
            boolean optionalUnknown = false;
            for (BooleanClause c : b.clauses()) {
                switch (c.getOccur()) {
                    case MUST, FILTER -> {
                        anyRequired = true;
                        WordQuery sub = necessary(c.getQuery());
                        if (sub != null) {
                            required.add(sub);
                        }
                    }
                    case SHOULD -> {
                        WordQuery sub = necessary(c.getQuery());
                        if (sub == null) {
                            optionalUnknown = true;
                        } else {
                            optional.add(sub);
                        }
                    }
                    case MUST_NOT -> {
                    }
                }
            }
            if (anyRequired) {
                return required.isEmpty() ? null : bool(required, List.of(), List.of());
            }
            // no required clause: one of the optional ones must hold (none at all: the query matches nothing)
            return optionalUnknown ? null : bool(List.of(), optional, List.of());
        }
        return null;
    }

    /** A word in a field; its fingerprint is computed here once, so a check is one probe of the article's words. */
    static final class Word extends WordQuery {
        private final int field;
        private final long fingerprint;
        private final String word;

        Word(String field, String word) {
            this.field = ArticleText.fieldNumber(field);
            this.word = Canonical.string(word);
            this.fingerprint = Fingerprint.of(word);
        }

        @Override
        boolean matches(ArticleText text) {
            return text.words(field).contains(fingerprint, word);
        }

        @Override
        void requiredWords(List<Need> into) {
            into.add(new Need(field, word));
        }

        @Override
        List<Need> conjunction() {
            return List.of(new Need(field, word));
        }

        @Override
        List<Need> disjunction() {
            return conjunction();
        }
    }

    static final class Prefix extends WordQuery {
        private final int field;
        private final String prefix;

        Prefix(String field, String prefix) {
            this.field = ArticleText.fieldNumber(field);
            this.prefix = Canonical.string(prefix);
        }

        @Override
        boolean matches(ArticleText text) {
            return text.words(field).containsPrefix(prefix);
        }

        @Override
        void requiredWords(List<Need> into) {
            // a prefix names no whole word
        }
    }

    /**
     * An exact phrase (slop 0): its words at the positions the query parser gave them, relative to each other,
     * decided from the article's word positions as the in-memory index would count them.
     */
    static final class Phrase extends WordQuery {
        private final int field;
        private final String[] words;
        private final long[] fingerprints;
        private final int[] positions;

        Phrase(PhraseQuery query) {
            Term[] terms = query.getTerms();
            field = ArticleText.fieldNumber(query.getField());
            words = new String[terms.length];
            fingerprints = new long[terms.length];
            for (int i = 0; i < terms.length; i++) {
                words[i] = Canonical.string(terms[i].text());
                fingerprints[i] = Fingerprint.of(words[i]);
            }
            positions = query.getPositions();
        }

        @Override
        boolean matches(ArticleText text) {
            return text.words(field).containsPhrase(fingerprints, words, positions);
        }

        @Override
        void requiredWords(List<Need> into) {
            for (String word : words) {
                into.add(new Need(field, word));
            }
        }
    }

    static final class Bool extends WordQuery {
        private final WordQuery[] required;
        private final WordQuery[] optional;
        private final WordQuery[] prohibited;

        Bool(WordQuery[] required, WordQuery[] optional, WordQuery[] prohibited) {
            this.required = required;
            this.optional = optional;
            this.prohibited = prohibited;
        }

        @Override
        boolean matches(ArticleText text) {
            if (required.length > 0) {
                for (WordQuery q : required) {
                    if (!q.matches(text)) {
                        return false;
                    }
                }
            } else {
                boolean any = false;
                for (WordQuery q : optional) {
                    if (q.matches(text)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            for (WordQuery q : prohibited) {
                if (q.matches(text)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void requiredWords(List<Need> into) {
            if (required.length > 0) {
                for (WordQuery q : required) {
                    q.requiredWords(into);
                }
                return;
            }
            // only optional clauses: a word every one of them needs is needed, in any of their fields
            String word = null;
            int field = -1;
            for (WordQuery q : optional) {
                List<Need> needs = new ArrayList<>();
                q.requiredWords(needs);
                Need first = needs.isEmpty() ? null : needs.get(0);
                if (first == null || needs.stream().anyMatch(n -> !n.equals(first))
                        || (word != null && !word.equals(first.word()))) {
                    return;
                }
                field = word == null || field == first.field() ? first.field() : Need.EITHER;
                word = first.word();
            }
            if (word != null) {
                into.add(new Need(field, word));
            }
        }

        @Override
        List<Need> conjunction() {
            if (prohibited.length > 0) {
                return null;
            }
            if (required.length == 0) {
                List<Need> any = disjunction();
                return any != null && any.size() == 1 ? any : null;
            }
            // optional clauses beside required ones do not change what matches
            List<Need> all = new ArrayList<>();
            for (WordQuery q : required) {
                List<Need> part = q.conjunction();
                if (part == null) {
                    return null;
                }
                all.addAll(part);
            }
            return all;
        }

        @Override
        List<Need> disjunction() {
            if (prohibited.length > 0 || required.length > 0 || optional.length == 0) {
                return null;
            }
            // word -> field; the same word in two fields is the word in either
            java.util.Map<String, Integer> fields = new java.util.LinkedHashMap<>();
            for (WordQuery q : optional) {
                List<Need> part = q.disjunction();
                if (part == null) {
                    return null;
                }
                for (Need need : part) {
                    if (need.field() < 0) {
                        return null;
                    }
                    fields.merge(need.word(), need.field(), (a, b) -> a.equals(b) ? a : Need.EITHER);
                }
            }
            List<Need> out = new ArrayList<>();
            fields.forEach((word, field) -> out.add(new Need(field, word)));
            return out;
        }
    }
}
