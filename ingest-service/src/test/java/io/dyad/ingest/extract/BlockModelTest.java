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
    void theShippedModelLoadsAndKeepsArticleParagraphs() {
        BlockModel shipped = BlockModel.shipped();
        double[] x = new double[BlockFeatures.NAMES.size()];
        assertTrue(shipped.probability(x) >= 0 && shipped.probability(x) <= 1);
    }
}
