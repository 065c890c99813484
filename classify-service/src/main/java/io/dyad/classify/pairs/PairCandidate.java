package io.dyad.classify.pairs;

import io.dyad.classify.gazetteer.ScoredCountry;

/**
 * Two countries of an article that could form a pair, and where the text relates them: bilateral constructions,
 * sentences naming both, other paragraphs naming both, the fewest tokens between a mention of each in one sentence
 * (-1: none), and how many lists of three or more countries name both. {@code firstRank}/{@code secondRank} are their
 * places in the candidate order (0 = first). Made by {@link PairDetector#candidates}; turned into a tag (with its
 * evidence sentences) by {@link PairDetector#tag}.
 */
public final class PairCandidate {

    private final ScoredCountry first;
    private final ScoredCountry second;
    private final int firstRank;
    private final int secondRank;
    private final int sharedLists;
    final PairDetector.Relation relation;

    PairCandidate(ScoredCountry first, ScoredCountry second, int firstRank, int secondRank, int sharedLists,
            PairDetector.Relation relation) {
        this.first = first;
        this.second = second;
        this.firstRank = firstRank;
        this.secondRank = secondRank;
        this.sharedLists = sharedLists;
        this.relation = relation;
    }

    public ScoredCountry first() {
        return first;
    }

    public ScoredCountry second() {
        return second;
    }

    public int firstRank() {
        return firstRank;
    }

    public int secondRank() {
        return secondRank;
    }

    public int constructions() {
        return relation.constructions;
    }

    public int sentences() {
        return relation.sentences;
    }

    public int paragraphs() {
        return relation.paragraphs;
    }

    public int minGap() {
        return relation.minGap;
    }

    public int sharedLists() {
        return sharedLists;
    }

    /** True when a construction, a shared sentence or a shared paragraph relates the two. */
    public boolean related() {
        return relation.constructions + relation.sentences + relation.paragraphs > 0;
    }
}
