package io.dyad.alert.matching;

import java.util.Arrays;
import java.util.Map;

/**
 * An article's tags as numbers ({@link PlaceCodes}), for the index's allocation-free filter checks: a score per
 * country and per issue (NaN = not carried), its few pairs with their scores. A carried tag whose score is NaN is
 * stored as -∞, so it counts when a subscription has no minimum score and fails any minimum, as in
 * {@link SubscriptionIndex#evaluate}. Tags with codes that do not parse are left out: no compiled subscription names
 * them (such subscriptions are checked the slow way).
 */
final class ArticleProbe {

    final double[] countryScores = new double[PlaceCodes.COUNTRIES];
    final double[] issueScores = new double[PlaceCodes.ISSUES];
    final int[] pairCodes;
    final double[] pairScores;
    /** country codes carried, for the key look-ups */
    final int[] countries;
    /** issue numbers carried */
    final int[] issues;

    ArticleProbe(Map<String, Double> pairs, Map<String, Double> countryTags, Map<String, Double> issueTags) {
        Arrays.fill(countryScores, Double.NaN);
        Arrays.fill(issueScores, Double.NaN);
        int[] codes = new int[pairs.size()];
        double[] scores = new double[pairs.size()];
        int n = 0;
        for (Map.Entry<String, Double> e : pairs.entrySet()) {
            int code = PlaceCodes.pair(e.getKey());
            if (code >= 0) {
                codes[n] = code;
                scores[n++] = counted(e.getValue());
            }
        }
        pairCodes = Arrays.copyOf(codes, n);
        pairScores = Arrays.copyOf(scores, n);
        int[] cs = new int[countryTags.size()];
        n = 0;
        for (Map.Entry<String, Double> e : countryTags.entrySet()) {
            int code = PlaceCodes.country(e.getKey());
            if (code >= 0) {
                countryScores[code] = counted(e.getValue());
                cs[n++] = code;
            }
        }
        countries = Arrays.copyOf(cs, n);
        int[] is = new int[issueTags.size()];
        n = 0;
        for (Map.Entry<String, Double> e : issueTags.entrySet()) {
            int issue = PlaceCodes.issue(e.getKey());
            if (issue >= 0) {
                issueScores[issue] = counted(e.getValue());
                is[n++] = issue;
            }
        }
        issues = Arrays.copyOf(is, n);
    }

    private static double counted(double score) {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }

    /** The pair's score, NaN when the article does not carry it. */
    double pairScore(int code) {
        for (int i = 0; i < pairCodes.length; i++) {
            if (pairCodes[i] == code) {
                return pairScores[i];
            }
        }
        return Double.NaN;
    }
}
