package io.dyad.classify.decision;

import java.util.List;

/**
 * A logistic regression over named features. The weights apply to the raw feature values (the trainer folds its
 * standardisation into them).
 */
public record LinearDecision(List<String> features, double bias, double[] weights) {

    public LinearDecision {
        if (weights.length != features.size()) {
            throw new IllegalArgumentException(features.size() + " features but " + weights.length + " weights");
        }
        features = List.copyOf(features);
        weights = weights.clone();
    }

    /** The log-odds of a feature row. */
    public double logit(double[] row) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * row[i];
        }
        return z;
    }

    public static double probability(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
