package io.dyad.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FunctionWordsTest {

    private final FunctionWords words = FunctionWords.shipped();
    private final int[] counts = new int[words.languages.size() + 1];

    private int count(String text, String language) {
        words.count(text, counts);
        return counts[words.languages.indexOf(language)];
    }

    @Test
    void countsFunctionWordsOfEachLanguageAndAllWords() {
        assertTrue(words.languages.containsAll(java.util.List.of("en", "es", "de", "fr", "pt", "it", "nl", "ru")));
        // the, of, on, after, a, of — "harbour", "reopened", "Tuesday", "week", "repairs" are content words
        assertEquals(6, count("The harbour reopened on Tuesday, after a week of repairs; the", "en"));
        assertEquals(11, counts[words.languages.size()]);
        assertEquals(5, count("El puerto se abrió el martes, después de una semana", "es"));
        assertEquals(3, count("Порт открылся во вторник и в среду", "ru"));
    }

    @Test
    void apostrophesStayInsideWordsAndCaseIsIgnored() {
        // it's (typographic apostrophe read as '), what, they, said: four words, all listed
        assertEquals(4, count("It’s what THEY said", "en"));
        assertEquals(4, counts[words.languages.size()]);
        // a quote mark at a word's edge is not part of it
        assertEquals(1, count("'the'", "en"));
    }

    @Test
    void aMenuOfNamesHasNoFunctionWords() {
        assertEquals(0, count("Home World Business Sport Opinion Weather 2026", "en"));
        assertEquals(7, counts[words.languages.size()]);
        assertEquals(0, count("", "en"));
        assertEquals(0, counts[words.languages.size()]);
        // longer than any listed word: never looked up, still counted as a word
        assertEquals(0, count("Internationalisation", "en"));
        assertEquals(1, counts[words.languages.size()]);
    }
}
