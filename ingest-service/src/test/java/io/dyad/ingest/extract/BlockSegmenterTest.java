package io.dyad.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class BlockSegmenterTest {

    private static final String PAGE = """
            <html><body>
            <nav class="site-menu"><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="article-body">
              <p>The harbour reopened on Tuesday, the port authority said, after a week of repairs.</p>
              <p>Ferries will run <a href="/timetable">on the winter timetable</a> until March.<br>Fares are unchanged.</p>
              <figure class="photo-credit"><img src="x.jpg"><figcaption>Photo: Port authority</figcaption></figure>
            </div>
            <script>var tracking = 1;</script>
            <section id="comments-area"><p>Great news for the island!</p></section>
            </body></html>
            """;

    @Test
    void cutsAtBlockBoundariesAndRemembersTagsAndClassWords() {
        Document doc = Jsoup.parse(PAGE);
        List<Block> blocks = BlockSegmenter.of(doc.body());
        List<String> texts = blocks.stream().map(b -> b.text).toList();
        assertEquals(List.of("Home World",
                "The harbour reopened on Tuesday, the port authority said, after a week of repairs.",
                "Ferries will run on the winter timetable until March.", "Fares are unchanged.",
                "Photo: Port authority", "Great news for the island!"), texts);

        Block menu = blocks.get(0);
        assertTrue(menu.hasTag(BlockSegmenter.IN_NAV));
        assertTrue(menu.hasCue(1 << 4)); // "menu" → nav group
        assertEquals(1.0, menu.linkDensity(), 1e-9);

        Block ferries = blocks.get(2);
        assertTrue(ferries.hasCue(1 << 11), "article-body → content words");
        assertFalse(ferries.hasTag(BlockSegmenter.IN_LINK), "a link inside the paragraph does not make it a link");
        assertTrue(ferries.linkChars > 0 && ferries.linkChars < ferries.chars);
        assertEquals("p", ferries.owner.normalName());

        Block credit = blocks.get(4);
        assertTrue(credit.hasTag(BlockSegmenter.IN_FIGURE));
        assertTrue(credit.hasCue(1 << 5), "photo-credit → caption words");

        Block comment = blocks.get(5);
        assertTrue(comment.hasCue(1), "comments-area → comment words");
        assertTrue(comment.charOffset > ferries.charOffset);
    }

    @Test
    void cueWordsMatchWholeWordsOrLongPrefixesOnly() {
        assertEquals(1 << 6, BlockSegmenter.cueBits("ad-slot"));
        assertEquals(0, BlockSegmenter.cueBits("adventure"), "no \"ad\" inside a word");
        assertEquals(1, BlockSegmenter.cueBits("commentlist"), "a long word as prefix");
        assertEquals((1 << 11) | 1, BlockSegmenter.cueBits("articleBody comment"));
    }

    @Test
    void anEmptyBodyHasNoBlocks() {
        assertTrue(BlockSegmenter.of(Jsoup.parse("<html><body> </body></html>").body()).isEmpty());
        assertTrue(BlockSegmenter.of(null).isEmpty());
    }
}
