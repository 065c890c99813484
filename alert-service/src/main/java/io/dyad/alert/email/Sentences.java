package io.dyad.alert.email;

/**
 * The sentence around an evidence span, so a mail can say why in words: from the end of the previous sentence (. ! ?
 * followed by a space, or a line break) to the end of the span's sentence, at most {@link #MAX} characters.
 */
public final class Sentences {

    static final int MAX = 400;

    private Sentences() {
    }

    /** The sentence holding {@code [start, end)} of {@code text}; {@code fallback} when the offsets do not fit. */
    public static String around(String text, int start, int end, String fallback) {
        if (text == null || start < 0 || end > text.length() || start >= end) {
            return fallback;
        }
        int from = start;
        while (from > 0 && !boundaryBefore(text, from)) {
            from--;
        }
        int to = end;
        while (to < text.length() && !endsSentence(text, to - 1)) {
            to++;
        }
        String sentence = text.substring(from, to).replaceAll("\\s+", " ").strip();
        if (sentence.length() <= MAX) {
            return sentence;
        }
        // too long (a list, a run-on): the span with some context either side
        int left = Math.max(from, start - 150);
        int right = Math.min(to, Math.max(end, start + 1) + 150);
        return (left > from ? "…" : "") + text.substring(left, right).replaceAll("\\s+", " ").strip()
                + (right < to ? "…" : "");
    }

    private static boolean boundaryBefore(String text, int i) {
        char prev = text.charAt(i - 1);
        if (prev == '\n') {
            return true;
        }
        return Character.isWhitespace(prev) && i >= 2 && ".!?".indexOf(text.charAt(i - 2)) >= 0;
    }

    private static boolean endsSentence(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n') {
            return true;
        }
        return ".!?".indexOf(c) >= 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
    }
}
