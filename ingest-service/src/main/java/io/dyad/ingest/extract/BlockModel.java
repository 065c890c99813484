package io.dyad.ingest.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned content/boilerplate block classifier over {@link BlockFeatures}, read from a text file written by the
 * trainer ({@code ingest-service/tools/train-block-model.sh}): either gradient-boosted trees or a logistic
 * regression. Lines: {@code threshold <p>}, {@code bias <log-odds>}, then either {@code w <feature> <weight>} for
 * every feature in {@link BlockFeatures#NAMES} order, or trees: {@code tree <nodes>} followed by that many nodes,
 * {@code split <feature> <cut> <left> <right>} (left when the value is below the cut) or {@code leaf <value>}, node 0
 * the root. Features are named, so a model trained on other features is refused when loaded, not misread.
 * Immutable and thread-safe.
 */
final class BlockModel {

    static final String RESOURCE = "/extract/block-model.txt";

    private final double bias;
    /** Logistic regression weights, or null for trees. */
    private final double[] weights;
    /** All trees' nodes in one run: tree t's root is at roots[t]; a leaf has feature −1. */
    private final int[] roots;
    private final int[] feature;
    private final double[] cut;
    private final int[] left;
    private final int[] right;
    private final double threshold;

    private BlockModel(double bias, double[] weights, Trees trees, double threshold) {
        this.bias = bias;
        this.weights = weights;
        this.roots = trees.roots.stream().mapToInt(Integer::intValue).toArray();
        this.feature = trees.feature.stream().mapToInt(Integer::intValue).toArray();
        this.cut = trees.cut.stream().mapToDouble(Double::doubleValue).toArray();
        this.left = trees.left.stream().mapToInt(Integer::intValue).toArray();
        this.right = trees.right.stream().mapToInt(Integer::intValue).toArray();
        this.threshold = threshold;
    }

    /** Nodes as read, indices made absolute. */
    private static final class Trees {
        final List<Integer> roots = new ArrayList<>();
        final List<Integer> feature = new ArrayList<>();
        final List<Double> cut = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        int expected;

        void node(int f, double c, int l, int r) {
            int offset = roots.get(roots.size() - 1);
            feature.add(f);
            cut.add(c);
            left.add(l < 0 ? -1 : offset + l);
            right.add(r < 0 ? -1 : offset + r);
            expected--;
        }
    }

    /** The model shipped with the service (trained on all dev pages). */
    static BlockModel shipped() {
        try (InputStream in = BlockModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BlockModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    private static BlockModel read(InputStream in) throws IOException {
        List<String> names = BlockFeatures.NAMES;
        double[] weights = new double[names.size()];
        Trees trees = new Trees();
        double bias = 0;
        double threshold = 0.5;
        int next = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null;) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            switch (parts[0]) {
                case "threshold" -> threshold = Double.parseDouble(parts[1]);
                case "bias" -> bias = Double.parseDouble(parts[1]);
                case "w" -> {
                    if (next >= names.size() || !names.get(next).equals(parts[1])) {
                        throw new IllegalStateException("block model feature " + next + " is " + parts[1]
                                + ", the extractor's is " + (next < names.size() ? names.get(next) : "none"));
                    }
                    weights[next++] = Double.parseDouble(parts[2]);
                }
                case "tree" -> {
                    if (trees.expected != 0) {
                        throw new IllegalStateException("block model tree " + trees.roots.size() + " is incomplete");
                    }
                    trees.roots.add(trees.feature.size());
                    trees.expected = Integer.parseInt(parts[1]);
                }
                // the value of a leaf is kept in "cut"
                case "leaf" -> trees.node(-1, Double.parseDouble(parts[1]), -1, -1);
                case "split" -> {
                    int f = names.indexOf(parts[1]);
                    if (f < 0) {
                        throw new IllegalStateException("block model splits on unknown feature " + parts[1]);
                    }
                    trees.node(f, Double.parseDouble(parts[2]), Integer.parseInt(parts[3]),
                            Integer.parseInt(parts[4]));
                }
                default -> throw new IllegalStateException("unknown line in block model: " + line);
            }
        }
        if (trees.roots.isEmpty() && next != names.size()) {
            throw new IllegalStateException("block model has " + next + " weights, the extractor " + names.size());
        }
        if (!trees.roots.isEmpty() && (next != 0 || trees.expected != 0)) {
            throw new IllegalStateException("block model mixes weights and trees, or its last tree is incomplete");
        }
        return new BlockModel(bias, trees.roots.isEmpty() ? weights : null, trees, threshold);
    }

    /** Probability that the block is article text. */
    double probability(double[] x) {
        double z = bias;
        if (weights != null) {
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * x[i];
            }
        } else {
            for (int node : roots) {
                while (feature[node] >= 0) {
                    node = x[feature[node]] < cut[node] ? left[node] : right[node];
                }
                z += cut[node];
            }
        }
        return 1 / (1 + Math.exp(-z));
    }

    boolean keeps(double probability) {
        return probability >= threshold;
    }
}
