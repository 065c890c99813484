import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains the extractor's block classifier (logistic regression, L2, Newton's method: deterministic) from the blocks
 * file {@code ExtractCli --blocks} writes and the benchmark's ground truth, and writes the model file
 * {@code BlockModel} reads. Run by tools/train-block-model.sh; usage:
 * {@code BlockModelTrainer <blocks.tsv> <ground-truth.json> <page-id first characters, or "all"> <model-out.txt>}.
 *
 * <p>Label of a block: 1 when at least half of its word 4-grams (fewer words: its n-grams of its own length) occur in
 * the page's ground-truth text — the benchmark's own tokens and shingles. Weight: the block's words over the
 * ground truth's words, so every page counts about the same, as in the benchmark's macro average. The decision
 * threshold is then chosen on the training pages alone, by the page-averaged F1 of the kept words.
 *
 * <p>Options for variants (system properties; the defaults are the shipped model's): {@code trees}, {@code depth},
 * {@code rate}; {@code label} (share of 4-grams for a text label, 0.5); {@code colsample} (share of features each tree
 * may use, 1); {@code recover} (weight factor of text blocks the rules did not keep, 1); {@code drop=REGEX} (features
 * never split on); {@code blend=REGEX} (a second forest without those features, logits averaged).
 */
public class BlockModelTrainer {

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final double L2 = Double.parseDouble(System.getProperty("l2", "1.0"));
    /** Share of a block's 4-grams that must occur in the true text for it to be labelled text. */
    private static final double RECOVER = Double.parseDouble(System.getProperty("recover", "1"));
    private static int RULE_KEPT;
    private static final double LABEL = Double.parseDouble(System.getProperty("label", "0.5"));

    record Row(String page, double[] x, int label, double weight, int words, int trueWords) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: BlockModelTrainer <blocks.tsv> <ground-truth.json> <id-prefixes|all> <out>"
                    + " [trees|logistic]");
            System.exit(2);
        }
        boolean trees = args.length < 5 || args[4].equals("trees");
        JsonNode truth = new ObjectMapper().readTree(Path.of(args[1]).toFile());
        String prefixes = args[2];
        List<String> names = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Set<String>> shingleCache = new HashMap<>();
        Map<String, Integer> truthWords = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] header = in.readLine().split("\t");
            for (int i = 2; i < header.length - 1; i++) {
                names.add(header[i]);
            }
            RULE_KEPT = names.indexOf("ruleKept");
            for (String line; (line = in.readLine()) != null;) {
                String[] f = line.split("\t", -1);
                String page = f[0];
                if (!prefixes.equals("all") && prefixes.indexOf(page.charAt(0)) < 0) {
                    continue;
                }
                JsonNode t = truth.get(page);
                if (t == null) {
                    continue;
                }
                String trueText = t.path("articleBody").asText("");
                Set<String> grams = shingleCache.computeIfAbsent(page, p -> allGrams(tokens(trueText)));
                int trueCount = truthWords.computeIfAbsent(page, p -> tokens(trueText).size());
                double[] x = new double[names.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Double.parseDouble(f[i + 2]);
                }
                List<String> words = tokens(f[f.length - 1]);
                int label = overlap(words, grams) >= LABEL ? 1 : 0;
                double weight = (words.size() + 0.5) / Math.max(50, trueCount);
                if (label == 1 && x[RULE_KEPT] == 0) {
                    weight *= RECOVER; // text the rules missed: what the model must learn to find
                }
                rows.add(new Row(page, x, label, weight, words.size(), trueCount));
            }
        }
        int d = names.size();
        if (trees) {
            Boosting boosting = new Boosting(rows, d, allowed(names, System.getProperty("drop")));
            boosting.train();
            String blend = System.getProperty("blend");
            if (blend != null) {
                // a second forest that never sees the features matching "blend"; the two logits are averaged
                Boosting other = new Boosting(rows, d, allowed(names, blend));
                other.train();
                boosting.blendWith(other);
            }
            double threshold = bestThreshold(rows, boosting::score);
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8))) {
                out.printf("# block classifier: %d gradient-boosted trees of depth %d, trained by"
                        + " tools/BlockModelTrainer.java%n", Boosting.TREES, Boosting.DEPTH);
                out.printf("# pages: %s (%d pages, %d blocks, %d labelled text)%n", prefixes,
                        rows.stream().map(Row::page).distinct().count(), rows.size(),
                        rows.stream().filter(r -> r.label() == 1).count());
                out.printf(Locale.ROOT, "threshold %.3f%n", threshold);
                boosting.write(out, names);
            }
            System.err.printf("trained %d trees on %s: %d blocks, threshold %.3f -> %s%n", Boosting.TREES, prefixes,
                    rows.size(), threshold, args[3]);
            return;
        }
        double[] mean = new double[d];
        double[] sd = new double[d];
        standardisation(rows, mean, sd);
        double[] w = fit(rows, mean, sd, d);
        // back to raw features: z = b + Σ w_i (x_i − m_i)/s_i
        double bias = w[d];
        double[] raw = new double[d];
        for (int i = 0; i < d; i++) {
            raw[i] = w[i] / sd[i];
            bias -= w[i] * mean[i] / sd[i];
        }
        double finalBias = bias;
        double threshold = bestThreshold(rows, x -> {
            double z = finalBias;
            for (int i = 0; i < raw.length; i++) {
                z += raw[i] * x[i];
            }
            return z;
        });
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8))) {
            out.printf("# block classifier: logistic regression, L2 %.2f, trained by tools/BlockModelTrainer.java%n", L2);
            out.printf("# pages: %s (%d pages, %d blocks, %d labelled text)%n", prefixes,
                    rows.stream().map(Row::page).distinct().count(), rows.size(),
                    rows.stream().filter(r -> r.label() == 1).count());
            out.printf(Locale.ROOT, "threshold %.3f%n", threshold);
            out.printf(Locale.ROOT, "bias %.6f%n", bias);
            for (int i = 0; i < d; i++) {
                out.printf(Locale.ROOT, "w %s %.6f%n", names.get(i), raw[i]);
            }
        }
        System.err.printf("trained on %s: %d blocks, threshold %.3f -> %s%n", prefixes, rows.size(), threshold, args[3]);
    }

    /** Features the trees may split on: all but those whose name matches {@code drop} (a regex, or null). */
    static boolean[] allowed(List<String> names, String drop) {
        boolean[] ok = new boolean[names.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = drop == null || !names.get(i).matches(drop);
        }
        return ok;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Every 1- to 4-gram of the text, joined by a space. */
    static Set<String> allGrams(List<String> words) {
        Set<String> grams = new HashSet<>();
        for (int n = 1; n <= 4; n++) {
            for (int i = 0; i + n <= words.size(); i++) {
                grams.add(String.join(" ", words.subList(i, i + n)));
            }
        }
        return grams;
    }

    /** Share of the block's 4-grams (or, when shorter, of its one n-gram) found in the ground truth. */
    static double overlap(List<String> words, Set<String> grams) {
        if (words.isEmpty()) {
            return 0;
        }
        int n = Math.min(4, words.size());
        int found = 0;
        int total = 0;
        for (int i = 0; i + n <= words.size(); i++) {
            total++;
            if (grams.contains(String.join(" ", words.subList(i, i + n)))) {
                found++;
            }
        }
        return (double) found / total;
    }

    static void standardisation(List<Row> rows, double[] mean, double[] sd) {
        int d = mean.length;
        for (Row r : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += r.x()[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= rows.size();
        }
        for (Row r : rows) {
            for (int i = 0; i < d; i++) {
                double v = r.x()[i] - mean[i];
                sd[i] += v * v;
            }
        }
        for (int i = 0; i < d; i++) {
            sd[i] = Math.sqrt(sd[i] / rows.size());
            if (sd[i] < 1e-9) {
                sd[i] = 1; // constant in the training data: its weight stays 0 under L2
            }
        }
    }

    /** Weighted, L2-penalised logistic regression by Newton's method; the last weight is the bias (not penalised). */
    static double[] fit(List<Row> rows, double[] mean, double[] sd, int d) {
        int p = d + 1;
        double[] w = new double[p];
        double[] z = new double[p];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] grad = new double[p];
            double[][] hess = new double[p][p];
            for (Row r : rows) {
                for (int i = 0; i < d; i++) {
                    z[i] = (r.x()[i] - mean[i]) / sd[i];
                }
                z[d] = 1;
                double s = 0;
                for (int i = 0; i < p; i++) {
                    s += w[i] * z[i];
                }
                double prob = 1 / (1 + Math.exp(-s));
                double g = r.weight() * (prob - r.label());
                double h = r.weight() * Math.max(prob * (1 - prob), 1e-9);
                for (int i = 0; i < p; i++) {
                    if (z[i] == 0) {
                        continue;
                    }
                    grad[i] += g * z[i];
                    double hz = h * z[i];
                    for (int j = 0; j <= i; j++) {
                        hess[i][j] += hz * z[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                grad[i] += L2 * w[i];
                hess[i][i] += L2;
            }
            hess[d][d] += 1e-6;
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    hess[i][j] = hess[j][i];
                }
            }
            double[] step = solve(hess, grad);
            double size = 0;
            for (int i = 0; i < p; i++) {
                w[i] -= step[i];
                size = Math.max(size, Math.abs(step[i]));
            }
            if (size < 1e-7) {
                break;
            }
        }
        return w;
    }

    /** Cholesky solve of a symmetric positive definite system. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /**
     * The threshold (0.20 … 0.80) with the best page-averaged F1 of kept words on the training pages, a word counted
     * right when its block is labelled text.
     */
    static double bestThreshold(List<Row> rows, java.util.function.ToDoubleFunction<double[]> logit) {
        double best = 0.5;
        double bestF1 = -1;
        for (int step = 20; step <= 80; step += 5) {
            double threshold = step / 100.0;
            Map<String, double[]> pages = new HashMap<>(); // tp, kept, true
            for (Row r : rows) {
                double s = logit.applyAsDouble(r.x());
                double[] c = pages.computeIfAbsent(r.page(), k -> new double[] {0, 0, r.trueWords()});
                if (1 / (1 + Math.exp(-s)) >= threshold) {
                    c[1] += r.words();
                    if (r.label() == 1) {
                        c[0] += r.words();
                    }
                }
            }
            double precision = 0;
            double recall = 0;
            for (double[] c : pages.values()) {
                precision += c[1] == 0 ? 0 : c[0] / c[1];
                recall += c[2] == 0 ? 1 : Math.min(1, c[0] / c[2]);
            }
            precision /= pages.size();
            recall /= pages.size();
            double f1 = 2 * precision * recall / (precision + recall);
            if (f1 > bestF1 + 1e-9) {
                bestF1 = f1;
                best = threshold;
            }
        }
        return best;
    }

    /**
     * Gradient-boosted regression trees on the logistic loss (second-order leaf values, as XGBoost does), features
     * cut at up to 32 quantiles of the training values. Deterministic: no sampling.
     */
    static final class Boosting {
        static final int TREES = Integer.getInteger("trees", 150);
        static final int DEPTH = Integer.getInteger("depth", 3);
        static final double RATE = Double.parseDouble(System.getProperty("rate", "0.1"));
        static final double LAMBDA = 1.0;
        static final double MIN_HESSIAN = 1.0;
        static final int BINS = 32;
        /** Share of the features each tree may split on (1: all), drawn per tree from a fixed seed. */
        static final double COLSAMPLE = Double.parseDouble(System.getProperty("colsample", "1"));
        private final java.util.Random sampler = new java.util.Random(17);
        private boolean[] treeFeatures;

        private final List<Row> rows;
        private final int d;
        private final double[][] cuts;
        private final int[][] bin;
        private final double[] weight;
        private final double[] margin;
        private double base;
        private final List<double[]> nodes = new ArrayList<>(); // per tree: flat {feature, cut, left, right | -1, value}
        private final List<List<double[]>> forest = new ArrayList<>();
        private final boolean[] allowed;

        Boosting(List<Row> rows, int d, boolean[] allowed) {
            this.rows = rows;
            this.d = d;
            this.allowed = allowed;
            int n = rows.size();
            cuts = new double[d][];
            bin = new int[n][d];
            for (int f = 0; f < d; f++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = rows.get(i).x()[f];
                }
                double[] sorted = values.clone();
                java.util.Arrays.sort(sorted);
                java.util.TreeSet<Double> c = new java.util.TreeSet<>();
                for (int q = 1; q < BINS; q++) {
                    double v = sorted[(int) ((long) q * (n - 1) / BINS)];
                    // a cut sits halfway between a value and the next larger one
                    int hi = java.util.Arrays.binarySearch(sorted, Math.nextUp(v));
                    int next = hi >= 0 ? hi : -hi - 1;
                    if (next < n) {
                        c.add((v + sorted[next]) / 2);
                    }
                }
                cuts[f] = c.stream().mapToDouble(Double::doubleValue).toArray();
                for (int i = 0; i < n; i++) {
                    int b = java.util.Arrays.binarySearch(cuts[f], values[i]);
                    bin[i][f] = b >= 0 ? b + 1 : -b - 1; // number of cuts at or below the value
                }
            }
            weight = new double[n];
            double total = 0;
            for (Row r : rows) {
                total += r.weight();
            }
            for (int i = 0; i < n; i++) {
                weight[i] = rows.get(i).weight() * n / total; // mean weight 1: LAMBDA and MIN_HESSIAN in block units
            }
            margin = new double[n];
        }

        void train() {
            int n = rows.size();
            double pos = 0;
            double all = 0;
            for (int i = 0; i < n; i++) {
                pos += weight[i] * rows.get(i).label();
                all += weight[i];
            }
            base = Math.log(pos / (all - pos));
            java.util.Arrays.fill(margin, base);
            double[] g = new double[n];
            double[] h = new double[n];
            for (int t = 0; t < TREES; t++) {
                for (int i = 0; i < n; i++) {
                    double p = 1 / (1 + Math.exp(-margin[i]));
                    g[i] = weight[i] * (p - rows.get(i).label());
                    h[i] = weight[i] * Math.max(p * (1 - p), 1e-6);
                }
                List<double[]> tree = new ArrayList<>();
                int[] members = new int[n];
                for (int i = 0; i < n; i++) {
                    members[i] = i;
                }
                treeFeatures = new boolean[d];
                for (int f = 0; f < d; f++) {
                    treeFeatures[f] = allowed[f] && (COLSAMPLE >= 1 || sampler.nextDouble() < COLSAMPLE);
                }
                grow(tree, members, g, h, 0);
                forest.add(tree);
                for (int i = 0; i < n; i++) {
                    margin[i] += predict(tree, rows.get(i).x());
                }
            }
        }

        /** Adds the node for {@code members} (and its subtree) to {@code tree}; returns its index. */
        private int grow(List<double[]> tree, int[] members, double[] g, double[] h, int depth) {
            double gs = 0;
            double hs = 0;
            for (int i : members) {
                gs += g[i];
                hs += h[i];
            }
            int index = tree.size();
            tree.add(new double[] {-1, 0, 0, 0, -RATE * gs / (hs + LAMBDA)});
            if (depth == DEPTH || hs < 2 * MIN_HESSIAN) {
                return index;
            }
            double parent = gs * gs / (hs + LAMBDA);
            double bestGain = 1e-6;
            int bestF = -1;
            int bestBin = -1;
            for (int f = 0; f < d; f++) {
                int bins = cuts[f].length + 1;
                if (bins < 2 || !treeFeatures[f]) {
                    continue;
                }
                double[] gb = new double[bins];
                double[] hb = new double[bins];
                for (int i : members) {
                    gb[bin[i][f]] += g[i];
                    hb[bin[i][f]] += h[i];
                }
                double gl = 0;
                double hl = 0;
                for (int b = 0; b < bins - 1; b++) {
                    gl += gb[b];
                    hl += hb[b];
                    double hr = hs - hl;
                    if (hl < MIN_HESSIAN || hr < MIN_HESSIAN) {
                        continue;
                    }
                    double gr = gs - gl;
                    double gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestF = f;
                        bestBin = b;
                    }
                }
            }
            if (bestF < 0) {
                return index;
            }
            int f = bestF;
            int cut = bestBin;
            int[] left = java.util.Arrays.stream(members).filter(i -> bin[i][f] <= cut).toArray();
            int[] right = java.util.Arrays.stream(members).filter(i -> bin[i][f] > cut).toArray();
            double[] node = tree.get(index);
            node[0] = f;
            node[1] = cuts[f][cut];
            node[2] = grow(tree, left, g, h, depth + 1);
            node[3] = grow(tree, right, g, h, depth + 1);
            return index;
        }

        static double predict(List<double[]> tree, double[] x) {
            int i = 0;
            while (true) {
                double[] node = tree.get(i);
                if (node[0] < 0) {
                    return node[4];
                }
                i = (int) (x[(int) node[0]] < node[1] ? node[2] : node[3]);
            }
        }

        /** This forest becomes the mean of itself and {@code other}: half of each bias and of each leaf value. */
        void blendWith(Boosting other) {
            base = (base + other.base) / 2;
            forest.addAll(other.forest);
            for (List<double[]> tree : forest) {
                for (double[] node : tree) {
                    node[4] /= 2;
                }
            }
        }

        double score(double[] x) {
            double s = base;
            for (List<double[]> tree : forest) {
                s += predict(tree, x);
            }
            return s;
        }

        void write(PrintWriter out, List<String> names) {
            out.printf(Locale.ROOT, "bias %.6f%n", base);
            for (List<double[]> tree : forest) {
                out.printf("tree %d%n", tree.size());
                for (double[] node : tree) {
                    if (node[0] < 0) {
                        out.printf(Locale.ROOT, "leaf %.6f%n", node[4]);
                    } else {
                        out.printf(Locale.ROOT, "split %s %.9g %d %d%n", names.get((int) node[0]), node[1],
                                (int) node[2], (int) node[3]);
                    }
                }
            }
        }
    }
}
