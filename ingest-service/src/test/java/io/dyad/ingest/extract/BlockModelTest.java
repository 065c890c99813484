package io.dyad.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockModelTest {

    @TempDir
    Path dir;

    private BlockModel model(String text) throws IOException {
        Path file = dir.resolve("model.txt");
        Files.writeString(file, text);
        return BlockModel.load(file);
    }

    @Test
    void treesAddTheirLeavesToTheBias() throws IOException {
        // one tree: ruleKept < 0.5 → −2, else linkDensity < 0.5 → +3, else −1
        BlockModel m = model("""
                threshold 0.6
                bias 0.5
                tree 5
                split ruleKept 0.5 1 2
                leaf -2
                split linkDensity 0.5 3 4
                leaf 3
                leaf -1
                """);
        double[] x = new double[BlockFeatures.NAMES.size()];
        assertEquals(1 / (1 + Math.exp(1.5)), m.probability(x), 1e-12);
        x[BlockFeatures.col("ruleKept")] = 1;
        double kept = m.probability(x);
        assertEquals(1 / (1 + Math.exp(-3.5)), kept, 1e-12);
        assertTrue(m.keeps(kept));
        x[BlockFeatures.col("linkDensity")] = 0.9;
        assertFalse(m.keeps(m.probability(x)));
    }

    @Test
    void logisticWeightsMustNameEveryFeatureInOrder() throws IOException {
        StringBuilder text = new StringBuilder("bias -1\n");
        for (String name : BlockFeatures.NAMES) {
            text.append("w ").append(name).append(name.equals("logChars") ? " 0.5" : " 0").append('\n');
        }
        BlockModel m = model(text.toString());
        double[] x = new double[BlockFeatures.NAMES.size()];
        x[BlockFeatures.col("logChars")] = 4;
        assertEquals(1 / (1 + Math.exp(-1)), m.probability(x), 1e-12);

        String swapped = text.toString().replaceFirst("w logChars", "w logWordz");
        assertThrows(IllegalStateException.class, () -> model(swapped));
        assertThrows(IllegalStateException.class, () -> model("bias 0\nw logChars 1\n"));
    }

    @Test
    void aTreeOnAnUnknownFeatureOrCutShortIsRefused() {
        assertThrows(IllegalStateException.class, () -> model("tree 1\nsplit siteName 0.5 1 2\n"));
        assertThrows(IllegalStateException.class, () -> model("tree 3\nsplit ruleKept 0.5 1 2\nleaf 1\n"));
    }

    @Test
    void aSecondStageReadsTheContextFeaturesAndDecides() throws IOException {
        // stage 1 keeps nothing on its own; stage 2 keeps a block whose parent's blocks are mostly text
        BlockModel m = model("""
                threshold 0.5
                bias -3
                tree 1
                leaf 0
                stage2
                threshold 0.5
                bias 0
                tree 3
                split s2.parentShare 0.6 1 2
                leaf -1
                leaf 2
                """);
        double[] x = new double[BlockModel.STAGE2_NAMES.size()];
        assertFalse(m.keeps(m.probability(new double[BlockFeatures.NAMES.size()])));
        BlockModel second = m.stage2();
        assertFalse(second.keeps(second.probability(x)));
        x[BlockModel.STAGE2_NAMES.indexOf("s2.parentShare")] = 0.8;
        assertEquals(1 / (1 + Math.exp(-2)), second.probability(x), 1e-12);
        assertTrue(second.keeps(second.probability(x)));
        String tree = "tree 1\nleaf 0\n";
        assertThrows(IllegalStateException.class, () -> model(tree + "stage2\n" + tree + "stage2\n" + tree));
        assertThrows(IllegalStateException.class, () -> model(tree + "stage2\ntree 1\nsplit s2.nothing 0.5 1 2\n"));
    }

    @Test
    void contextFeaturesSumTheFirstStageOverNeighboursAndAncestors() {
        // blocks 0 and 1 share parent 10 (grandparent 20); block 2 has parent 11 under the same grandparent
        double[] p = {0.9, 0.5, 0.1};
        int[] chars = {100, 50, 50};
        int[][] ancestors = {{10, 20, -1}, {10, 20, -1}, {11, 20, -1}};
        double[][] rows = ContextFeatures.of(p, chars, ancestors);
        double pageMass = 90 + 25 + 5;
        assertEquals(0.9, rows[0][ContextFeatures.NAMES.indexOf("s2.p")], 1e-12);
        assertEquals(-1, rows[0][ContextFeatures.NAMES.indexOf("s2.prev")], 1e-12);
        assertEquals(0.1, rows[1][ContextFeatures.NAMES.indexOf("s2.next")], 1e-12);
        assertEquals((0.9 + 0.1) / 2, rows[1][ContextFeatures.NAMES.indexOf("s2.windowMean")], 1e-12);
        assertEquals(0.9, rows[2][ContextFeatures.NAMES.indexOf("s2.windowMax")], 1e-12);
        assertEquals(115 / 150.0, rows[1][ContextFeatures.NAMES.indexOf("s2.parentShare")], 1e-12);
        assertEquals(115 / pageMass, rows[0][ContextFeatures.NAMES.indexOf("s2.parentMass")], 1e-12);
        assertEquals(0.1, rows[2][ContextFeatures.NAMES.indexOf("s2.parentShare")], 1e-12);
        assertEquals(1.0, rows[2][ContextFeatures.NAMES.indexOf("s2.grandparentMass")], 1e-12);
        assertEquals(-1, rows[2][ContextFeatures.NAMES.indexOf("s2.ancestor3Share")], 1e-12);
        assertEquals(0, rows[2][ContextFeatures.NAMES.indexOf("s2.ancestor3Mass")], 1e-12);
        assertEquals(Math.log1p(pageMass), rows[2][ContextFeatures.NAMES.indexOf("s2.logPageMass")], 1e-12);
    }

    @Test
    void theShippedModelLoadsAndKeepsArticleParagraphs() {
        BlockModel shipped = BlockModel.shipped();
        double[] x = new double[BlockFeatures.NAMES.size()];
        assertTrue(shipped.probability(x) >= 0 && shipped.probability(x) <= 1);
    }
}
