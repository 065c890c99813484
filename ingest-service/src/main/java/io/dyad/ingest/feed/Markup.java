package io.dyad.ingest.feed;

import java.util.Locale;

/** A piece of feed text as published, with its declared type (RSS text is HTML unless a feed says otherwise). */
public record Markup(String value, String type) {

    public boolean isHtml() {
        String t = type == null ? "html" : type.toLowerCase(Locale.ROOT);
        return !(t.equals("text") || t.equals("text/plain"));
    }

    public boolean isBlank() {
        return value == null || value.isBlank();
    }

    /** The plain text of this markup, paragraphs separated by blank lines. */
    public String plainText() {
        if (isBlank()) {
            return "";
        }
        return isHtml() ? HtmlText.toPlainText(value) : HtmlText.normalisePlain(value);
    }
}
