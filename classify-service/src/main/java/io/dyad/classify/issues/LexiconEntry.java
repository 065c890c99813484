package io.dyad.classify.issues;

import java.util.Map;

/**
 * A phrase of an issue lexicon with its weight per issue (empty: a negative cue that only consumes the words).
 * {@code words} are the phrase's tokens as written, checked letter by letter when {@code caseSensitive}.
 * {@code specificity} ranks matches of equal length: exact words beat prefixes, longer prefixes beat shorter ones.
 * {@code repeatKey} (the lower-cased phrase) counts the repeats of a phrase in one text; {@code repeatIndex} numbers
 * the distinct repeat keys of a lexicon. {@code issueIndex}/{@code issueWeight} are {@code weights} as arrays (issue
 * positions in the taxonomy, in the map's iteration order), so a match adds to per-issue arrays, not maps.
 */
public record LexiconEntry(String phrase, String[] words, boolean caseSensitive, Map<String, Double> weights,
        int specificity, String repeatKey, int repeatIndex, int[] issueIndex, double[] issueWeight) {

    public LexiconEntry(String phrase, String[] words, boolean caseSensitive, Map<String, Double> weights,
            int specificity) {
        this(phrase, words, caseSensitive, weights, specificity, phrase.toLowerCase(), -1, new int[0], new double[0]);
    }

    /** The entry with its repeat key's number and its weights by taxonomy position. */
    LexiconEntry indexed(int repeatIndex, IssueTaxonomy taxonomy) {
        int[] index = new int[weights.size()];
        double[] weight = new double[weights.size()];
        int k = 0;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            index[k] = taxonomy.index(w.getKey());
            weight[k++] = w.getValue();
        }
        return new LexiconEntry(phrase, words, caseSensitive, weights, specificity, repeatKey, repeatIndex, index,
                weight);
    }
}
