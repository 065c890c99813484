package io.dyad.classify.service;

/**
 * Tuning of {@link ArticleClassifier}.
 *
 * @param version          classifierVersion stamped on tagged articles
 * @param pairMinSalience  both countries of a pair need at least this salience
 * @param pairMaxCountries pairs are formed among at most this many most salient countries
 * @param issueMinWeight   an issue is tagged when its lexicon weight reaches this
 * @param maxScanChars     characters of a field that are scanned (longer fields are classified on their start)
 * @param maxEvidence      evidence spans per country
 */
public record ClassifierSettings(String version, double pairMinSalience, int pairMaxCountries, double issueMinWeight,
        int maxScanChars, int maxEvidence) {

    public static final String DEFAULT_VERSION = "dyad-lexicon-1";

    public static ClassifierSettings defaults() {
        return new ClassifierSettings(DEFAULT_VERSION, 0.2, 6, 1.0, 1_000_000, 5);
    }
}
