package io.dyad.classify.service;

/**
 * Tuning of {@link ArticleClassifier}.
 *
 * @param version          classifierVersion stamped on tagged articles
 * @param countryMinSalience a country below this salience is a passing mention and is not answered (the most salient
 *                         country always is)
 * @param pairMinSalience  both countries of a pair need at least this salience
 * @param pairMainSalience two countries that both reach this salience are the article's main subjects: related by
 *                         the article itself, even without a shared sentence or paragraph
 * @param pairMaxCountries pairs are formed among at most this many most salient countries
 * @param issueMinWeight   an issue is tagged when its lexicon weight reaches this
 * @param maxScanChars     characters of a field that are scanned (longer fields are classified on their start)
 * @param maxEvidence      evidence spans per country
 * @param learnedDecisions true: countries and pairs are decided by the trained decisions of decision/decisions-v1.tsv
 *                         (io.dyad.classify.decision.LearnedDecisions), which then replace the four salience settings
 *                         above; false: by those rules (session 3)
 */
public record ClassifierSettings(String version, double countryMinSalience, double pairMinSalience, double pairMainSalience,
        int pairMaxCountries, double issueMinWeight, int maxScanChars, int maxEvidence, boolean learnedDecisions) {

    public static final String DEFAULT_VERSION = "dyad-classify-3";

    /** The settings with the learned country and pair decisions on (the default). */
    public ClassifierSettings(String version, double countryMinSalience, double pairMinSalience,
            double pairMainSalience, int pairMaxCountries, double issueMinWeight, int maxScanChars, int maxEvidence) {
        this(version, countryMinSalience, pairMinSalience, pairMainSalience, pairMaxCountries, issueMinWeight,
                maxScanChars, maxEvidence, true);
    }

    public static ClassifierSettings defaults() {
        return new ClassifierSettings(DEFAULT_VERSION, 0.15, 0.2, 0.3, 20, 1.0, 1_000_000, 5, true);
    }

    /** The same settings with the session-3 rules for countries and pairs instead of the learned decisions. */
    public ClassifierSettings withRules() {
        return new ClassifierSettings(version, countryMinSalience, pairMinSalience, pairMainSalience, pairMaxCountries,
                issueMinWeight, maxScanChars, maxEvidence, false);
    }
}
