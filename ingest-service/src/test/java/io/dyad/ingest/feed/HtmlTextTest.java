package io.dyad.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void paragraphsBecomeBlankLineSeparatedText() {
        String html = "<p>First   paragraph,\n with a <a href='x'>link</a>.</p><p>Second&nbsp;one &amp; more.</p>";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("First paragraph, with a link.\n\nSecond one & more.");
    }

    @Test
    void blocksListItemsAndLineBreaksSeparateParagraphs() {
        String html = "<h2>Title</h2>Intro text<br>after break<ul><li>one</li><li>two</li></ul><div>tail</div>";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("Title\n\nIntro text\n\nafter break\n\none\n\ntwo\n\ntail");
    }

    @Test
    void scriptsStylesAndFormsAreDropped() {
        String html = "<p>Keep</p><script>var x = '<p>no</p>';</script><style>p{}</style><noscript>no</noscript>"
                + "<form><button>Send</button></form><p>this</p>";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("Keep\n\nthis");
    }

    @Test
    void plainTextKeepsItsParagraphs() {
        assertThat(HtmlText.toPlainText("Line one\ncontinues.\n\n  Second  paragraph.  \n\n\n"))
                .isEqualTo("Line one continues.\n\nSecond paragraph.");
        assertThat(HtmlText.toPlainText("Prices: a < b and c > d")).isEqualTo("Prices: a < b and c > d");
    }

    @Test
    void emptyInputGivesEmptyText() {
        assertThat(HtmlText.toPlainText(null)).isEmpty();
        assertThat(HtmlText.toPlainText("  ")).isEmpty();
        assertThat(HtmlText.toPlainText("<p> </p><div></div>")).isEmpty();
    }
}
