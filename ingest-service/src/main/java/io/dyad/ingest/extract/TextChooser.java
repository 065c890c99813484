package io.dyad.ingest.extract;

import io.dyad.ingest.feed.HtmlText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Chooses between the JSON-LD {@code articleBody} and the text found in the page: the structured body wins when it
 * is real prose and not much shorter than the page's text (publishers sometimes put a teaser there).
 * <p>Measured and rejected (README): overruling the page's text by the {@code itemprop=articleBody} element or by the
 * smallest container of most prose paragraphs when those were twice as long, and a Readability-style retry without
 * class-name removal for texts under 250 characters — on the dev pages they fired only where the first answer was
 * better.
 */
final class TextChooser {

    private TextChooser() {
    }

    /**
     * Text whose UTF-8 bytes were once read as Latin-1 (an em dash shows as "â" plus two C1 controls — common in
     * JSON-LD written by a CMS): read back as UTF-8 when that decodes cleanly; otherwise unchanged.
     */
    static String repairMojibake(String text) {
        boolean suspect = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return text; // not a Latin-1 reading of bytes
            }
            suspect |= c >= 0x80 && c <= 0x9F;
        }
        if (!suspect) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return text;
        }
    }

    static String withStructured(String jsonLdBody, String domText) {
        return jsonLdBody == null ? domText : withStructuredText(structuredText(jsonLdBody), domText);
    }

    /** The JSON-LD body (HTML or text) as plain text, repaired. */
    static String structuredText(String jsonLdBody) {
        return repairMojibake(HtmlText.toPlainText(jsonLdBody));
    }

    /** As {@link #withStructured}, given the body already made plain by {@link #structuredText}. */
    static String withStructuredText(String structured, String domText) {
        if (structured == null) {
            return domText;
        }
        if (structured.length() >= 200 && structured.length() >= 0.6 * domText.length()) {
            return structured;
        }
        return domText;
    }
}
