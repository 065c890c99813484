package io.dyad.classify.issues;

import java.util.Map;

/**
 * A phrase of an issue lexicon with its weight per issue (empty: a negative cue that only consumes the words).
 * {@code words} are the phrase's tokens as written, checked letter by letter when {@code caseSensitive}.
 * {@code specificity} ranks matches of equal length: exact words beat prefixes, longer prefixes beat shorter ones.
 * {@code repeatKey} (the lower-cased phrase) counts the repeats of a phrase in one text.
 */
public record LexiconEntry(String phrase, String[] words, boolean caseSensitive, Map<String, Double> weights,
        int specificity, String repeatKey) {

    public LexiconEntry(String phrase, String[] words, boolean caseSensitive, Map<String, Double> weights,
            int specificity) {
        this(phrase, words, caseSensitive, weights, specificity, phrase.toLowerCase());
    }
}
