package io.dyad.ingest.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Second-stage features of a block, from the first-stage classifier's probabilities: what it thought of the
 * neighbouring blocks and of the other blocks sharing the block's parent, grandparent and great-grandparent. An
 * article's paragraphs sit together in one container, so a paragraph the first stage doubted is rescued by confident
 * neighbours, and a lone prose-like teaser among link blocks is let go. Only page structure and probabilities: no
 * words, no sites. Public (with plain arrays) so the trainer in {@code tools/} computes exactly the same values.
 */
public final class ContextFeatures {

    public static final List<String> NAMES = List.of("s2.p", "s2.prev", "s2.next", "s2.windowMean", "s2.windowMax",
            "s2.parentShare", "s2.parentMass", "s2.grandparentShare", "s2.grandparentMass", "s2.ancestor3Share",
            "s2.ancestor3Mass", "s2.logPageMass");
    /** Ancestor levels above a block's owner: parent, grandparent, great-grandparent. */
    public static final int LEVELS = 3;
    private static final int WINDOW = 3;

    private ContextFeatures() {
    }

    /**
     * One row per block.
     *
     * @param p first-stage probability of each block
     * @param chars visible characters of each block
     * @param ancestors per block, page-local ids of its owner's parent, grandparent and great-grandparent (−1: none)
     */
    public static double[][] of(double[] p, int[] chars, int[][] ancestors) {
        int n = p.length;
        double[][] rows = new double[n][NAMES.size()];
        double pageMass = 0;
        for (int i = 0; i < n; i++) {
            pageMass += chars[i] * p[i];
        }
        for (int i = 0; i < n; i++) {
            double[] x = rows[i];
            x[0] = p[i];
            x[1] = i > 0 ? p[i - 1] : -1;
            x[2] = i + 1 < n ? p[i + 1] : -1;
            double sum = 0;
            double max = 0;
            int seen = 0;
            for (int j = Math.max(0, i - WINDOW); j <= Math.min(n - 1, i + WINDOW); j++) {
                if (j != i) {
                    sum += p[j];
                    max = Math.max(max, p[j]);
                    seen++;
                }
            }
            x[3] = seen == 0 ? -1 : sum / seen;
            x[4] = seen == 0 ? -1 : max;
            x[11] = Math.log1p(pageMass);
        }
        for (int level = 0; level < LEVELS; level++) {
            // per ancestor: Σ chars·p and Σ chars of the blocks under it
            Map<Integer, double[]> sums = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int id = ancestors[i][level];
                if (id >= 0) {
                    double[] s = sums.computeIfAbsent(id, k -> new double[2]);
                    s[0] += chars[i] * p[i];
                    s[1] += chars[i];
                }
            }
            for (int i = 0; i < n; i++) {
                int id = ancestors[i][level];
                double[] s = id < 0 ? null : sums.get(id);
                rows[i][5 + 2 * level] = s == null || s[1] == 0 ? -1 : s[0] / s[1];
                rows[i][6 + 2 * level] = s == null || pageMass == 0 ? 0 : s[0] / pageMass;
            }
        }
        return rows;
    }
}
