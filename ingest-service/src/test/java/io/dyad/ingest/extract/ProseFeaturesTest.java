package io.dyad.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** jusText's signals among the block features: function-word density and the context-sensitive class. */
class ProseFeaturesTest {

    private static final String PARAGRAPH_1 = "The harbour reopened on Tuesday after a week of repairs, and the port"
            + " authority said that the ferries would run on the winter timetable until the end of March, when the"
            + " new pier is expected to be ready for the larger ships that serve the islands.";
    private static final String PARAGRAPH_2 = "Fishermen, who had been waiting for the decision since the storm, said"
            + " they were relieved but that the repairs had come too late for many of them, and they asked the"
            + " council for help with the losses of the past winter.";

    private static final String PAGE = """
            <html><head><title>Harbour reopens</title></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <div class="story">
              <p>%s</p>
              <p>It was calm.</p>
              <p>%s</p>
            </div>
            <ul class="teasers"><li><a href="/a">Markets rally as inflation slows</a></li>
            <li><a href="/b">Storm warning for the northern coast</a></li></ul>
            </body></html>
            """.formatted(PARAGRAPH_1, PARAGRAPH_2);

    private static double feature(ArticleExtractor.Analysis a, String text, String name) {
        List<Block> blocks = a.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).text.equals(text)) {
                return a.features()[i][BlockFeatures.col(name)];
            }
        }
        throw new AssertionError("no block " + text);
    }

    @Test
    void proseIsDenseInFunctionWordsAndGoodMenusAreNot() {
        ArticleExtractor.Analysis a = new ArticleExtractor().analyse(PAGE, "https://news.example/harbour");
        assertTrue(feature(a, PARAGRAPH_1, "stopDensity") > 0.4);
        assertEquals(3, feature(a, PARAGRAPH_1, "jt.initial")); // good: long, dense in function words
        assertEquals(1, feature(a, PARAGRAPH_1, "jt.good"));
        assertEquals(0, feature(a, "Home World Sport", "stopDensity"));
        assertEquals(0, feature(a, "Home World Sport", "jt.good")); // all links: bad
        assertEquals(0, feature(a, "Markets rally as inflation slows", "jt.good"));
        // short, between two good paragraphs: takes their class in the context pass
        assertEquals(1, feature(a, "It was calm.", "jt.initial"));
        assertEquals(1, feature(a, "It was calm.", "jt.good"));
        assertEquals(feature(a, PARAGRAPH_1, "stopDensity"), feature(a, "It was calm.", "prev.stopDensity"));
    }

    @Test
    void thePagesLanguageIsTheListItHitsMost() {
        String prose = "El puerto volvió a abrir el martes después de una semana de obras, y la autoridad portuaria"
                + " dijo que los transbordadores seguirán con el horario de invierno hasta el final de marzo, cuando"
                + " el nuevo muelle esté listo para los barcos más grandes que llegan a las islas.";
        ArticleExtractor.Analysis a = new ArticleExtractor().analyse(
                "<html><body><p>" + prose + "</p></body></html>", null);
        assertTrue(feature(a, prose, "stopDensity") > 0.3, "Spanish function words counted");
        assertEquals(1, feature(a, prose, "jt.good"));
    }
}
