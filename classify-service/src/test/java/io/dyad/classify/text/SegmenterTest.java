package io.dyad.classify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    @Test
    void splitsSentencesButNotAbbreviationsOrInitials() {
        String text = "The U.S. economy grew. Mr. Smith met John F. Kennedy Jr. in Washington! Did it work? Yes.";
        List<String> sentences = Segmenter.sentences(text).stream().map(s -> text.substring(s.start(), s.end()))
                .toList();
        assertThat(sentences).containsExactly("The U.S. economy grew.",
                "Mr. Smith met John F. Kennedy Jr. in Washington!", "Did it work?", "Yes.");
    }

    @Test
    void wrappedLinesStayInOneSentenceAndIndentedLinesStartParagraphs() {
        String text = "Showers continued in the\nBahia cocoa zone, traders said.\n    The dry period ended.\n"
                + "    Arrivals rose.";
        List<Sentence> sentences = Segmenter.sentences(text);
        assertThat(sentences).hasSize(3);
        assertThat(text.substring(sentences.get(0).start(), sentences.get(0).end()))
                .isEqualTo("Showers continued in the\nBahia cocoa zone, traders said.");
        assertThat(sentences).extracting(Sentence::paragraph).containsExactly(0, 1, 2);
    }

    @Test
    void blankLinesSeparateParagraphs() {
        String text = "First one. Still first.\n\nSecond paragraph\n\n\nThird";
        assertThat(Segmenter.sentences(text)).extracting(Sentence::paragraph).containsExactly(0, 0, 1, 2);
    }
}
