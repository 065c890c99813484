package io.dyad.classify.gazetteer;

import java.util.Locale;

/** Whether a mention of a phrase counts on its own or needs the document to back it (see ambiguity.tsv). */
public enum Support {
    /** Counts on its own. */
    NONE,
    /** Counts only when the document backs one of its countries. */
    ALWAYS,
    /** As {@link #ALWAYS} where capitals carry no information (sentence start, headline case, all caps). */
    UNCASED,
    /**
     * A smaller place sharing the name of a better-known one (Paris, Texas): read so only when the document backs its
     * country; otherwise the name reads as the better-known place.
     */
    MINOR;

    public static Support parse(String value) {
        return "-".equals(value) || value.isEmpty() ? NONE : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
