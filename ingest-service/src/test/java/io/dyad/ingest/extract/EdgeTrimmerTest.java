package io.dyad.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeTrimmerTest {

    private static final String P1 = "The ferry operators agreed on Monday to run a night service from April, the port said.";
    private static final String P2 = "Crews will be paid a night allowance, and two pilots will be on duty at all times.";

    @Test
    void labelsOverRemovedListsGoAtTheEdgesAndInTheMiddle() {
        String text = String.join("\n\n", "Tags:", P1, "You may also like...", P2, "Related stories", "More:");

        assertThat(EdgeTrimmer.trim(text, null)).isEqualTo(P1 + "\n\n" + P2);
    }

    @Test
    void photoCreditsAndDateLinesAreDropped() {
        String text = String.join("\n\n", "Updated 08.08.2018 15:24", P1, "Photo: Ana Ruiz / Courier", P2,
                "Foto | archivo", "sexta-feira, 22 de outubro de 2010 às 20:13");

        assertThat(EdgeTrimmer.trim(text, null)).isEqualTo(P1 + "\n\n" + P2);
    }

    @Test
    void theTitleRepeatedAtTheTopGoesButADatelineTheTitleContainsStays() {
        String title = "Ferry operators agree night service from April";

        assertThat(EdgeTrimmer.trim("Ferry operators agree night-service from April\n\n" + P1, title)).isEqualTo(P1);
        assertThat(EdgeTrimmer.trim("April\n\n" + P1, title)).isEqualTo("April\n\n" + P1);
    }

    @Test
    void sentencesWithDigitsAndShortLinesInsideTheTextStay() {
        String text = String.join("\n\n", P1, "In 2019, 1,200 crossings ran late.", "What changes for ferries",
                P2, "Prices rose 12% in 2024.");

        assertThat(EdgeTrimmer.trim(text, "Another title")).isEqualTo(text);
        assertThat(EdgeTrimmer.trim("", null)).isEmpty();
        assertThat(EdgeTrimmer.trim("Tags:", null)).isEmpty();
    }

    @Test
    void wordsAreWhatTheRegularExpressionGaveForAnyScriptDigitsAndSymbols() {
        // the loop replaced [^\p{L}\p{N}]+ → " " and trim(); both must agree on letters, numbers of every kind,
        // marks, symbols, surrogate pairs and a lone surrogate
        java.util.regex.Pattern notWord = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
        for (String s : new String[] {"", "  ", "Ex-Minister's visit!", "  ¿Qué pasó?  ", "Ünïcödé — Straße, 2½ km",
            "İstanbul'da ΟΔΟΣ", "東京、2024年", "x²+y³ = ⅷ", "a\u0301b", "mañana\u00a0\t\n", "𝔘𝔫𝔦 😀 ok",
            "lone \ud800 surrogate", "٣ أيام", "___", "a_b-c.d"}) {
            String expected = notWord.matcher(s.toLowerCase(java.util.Locale.ROOT)).replaceAll(" ").trim();
            assertThat(EdgeTrimmer.words(s)).as(s).isEqualTo(expected);
        }
    }
}
