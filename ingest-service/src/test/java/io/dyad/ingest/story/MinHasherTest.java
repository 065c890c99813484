package io.dyad.ingest.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dyad.ingest.testing.StoryTexts;
import org.junit.jupiter.api.Test;

/** Signatures, their similarity estimate, and the LSH bands on the synthetic story texts. */
class MinHasherTest {

    private static final double THRESHOLD = 0.5; // the default dyad.ingest.stories.threshold

    private static double estimate(String a, String b) {
        return MinHasher.similarity(MinHasher.signature(a, 40), MinHasher.signature(b, 40));
    }

    private static boolean shareBand(String a, String b) {
        long[] x = MinHasher.bands(MinHasher.signature(a, 40));
        long[] y = MinHasher.bands(MinHasher.signature(b, 40));
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) {
                return true;
            }
        }
        return false;
    }

    @Test
    void copiesOfOneStoryScoreAboveTheThresholdAndShareABand() {
        String[][] copies = {
            {StoryTexts.WIRE, StoryTexts.COPY_EDITED},
            {StoryTexts.WIRE, StoryTexts.COPY_LOCALISED},
            {StoryTexts.COPY_EDITED, StoryTexts.COPY_LOCALISED},
        };
        for (String[] p : copies) {
            assertThat(estimate(p[0], p[1])).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(shareBand(p[0], p[1])).isTrue();
            // the estimate tracks the exact Jaccard similarity of the shingle sets
            assertThat(estimate(p[0], p[1])).isCloseTo(MinHasher.jaccard(p[0], p[1]), within(0.15));
        }
    }

    @Test
    void differentStoriesOnTheSameTopicScoreFarBelowTheThreshold() {
        String[][] others = {
            {StoryTexts.WIRE, StoryTexts.SAME_TOPIC},
            {StoryTexts.WIRE, StoryTexts.SAME_TOPIC_2},
            {StoryTexts.COPY_EDITED, StoryTexts.SAME_TOPIC},
            {StoryTexts.SAME_TOPIC, StoryTexts.SAME_TOPIC_2},
        };
        for (String[] p : others) {
            assertThat(estimate(p[0], p[1])).isLessThan(0.15);
            assertThat(MinHasher.jaccard(p[0], p[1])).isLessThan(0.1);
        }
    }

    @Test
    void identicalTextsHaveIdenticalSignaturesAndCaseAndPunctuationDoNotMatter() {
        assertThat(MinHasher.signature(StoryTexts.WIRE, 40)).isEqualTo(MinHasher.signature(StoryTexts.WIRE, 40));
        String shouted = StoryTexts.WIRE.toUpperCase().replace(",", " ;");
        assertThat(estimate(StoryTexts.WIRE, shouted)).isEqualTo(1.0);
    }

    @Test
    void shortTextsHaveNoSignature() {
        assertThat(MinHasher.signature("Only a few words here.", 40)).isNull();
        assertThat(MinHasher.signature(null, 40)).isNull();
        assertThat(MinHasher.words("Ciudad de México: ¡Aduana-Norte 2026!"))
                .containsExactly("ciudad", "de", "méxico", "aduana", "norte", "2026");
    }

    @Test
    void signaturesRoundTripThroughBytes() {
        int[] sig = MinHasher.signature(StoryTexts.WIRE, 40);
        assertThat(MinHasher.fromBytes(MinHasher.toBytes(sig))).isEqualTo(sig);
        assertThat(MinHasher.bands(sig)).hasSize(MinHasher.BANDS).doesNotHaveDuplicates();
    }
}
