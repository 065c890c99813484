package io.dyad.ingest.extract;

import io.dyad.ingest.feed.HtmlText;

/**
 * Chooses the article text among candidates that fail in different ways. The scored container is right on most
 * pages; the others overrule it only when it is clearly incomplete: much shorter than what the page's own
 * microdata marks as the article body, or than the container that holds most of the page's prose (an article
 * cut into blocks the scoring did not join). The JSON-LD {@code articleBody} wins when it is real prose and not
 * much shorter than the text found in the page (publishers sometimes put a teaser there).
 */
final class TextChooser {

    /** Below this, an answer is suspect (Trafilatura's minimum extracted size is of this order). */
    static final int SHORT_TEXT = 250;

    private TextChooser() {
    }

    static String fromPage(MainText.Candidates c) {
        String text = c.container();
        if (c.marked().length() >= 500 && text.length() < 0.5 * c.marked().length()) {
            text = c.marked();
        }
        if (c.densest().length() >= 500 && text.length() < 0.5 * c.densest().length()) {
            text = c.densest();
        }
        return text;
    }

    static boolean tooShort(String text) {
        return text.length() < SHORT_TEXT;
    }

    static String longer(String a, String b) {
        return b.length() > a.length() ? b : a;
    }

    static String withStructured(String jsonLdBody, String domText) {
        if (jsonLdBody == null) {
            return domText;
        }
        String structured = HtmlText.toPlainText(jsonLdBody);
        if (structured.length() >= 200 && structured.length() >= 0.6 * domText.length()) {
            return structured;
        }
        return domText;
    }
}
