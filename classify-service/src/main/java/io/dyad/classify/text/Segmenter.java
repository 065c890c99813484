package io.dyad.classify.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a field into sentences and paragraphs. A blank line, or a line break right after the end of a sentence,
 * starts a paragraph; a single line break inside a sentence (wrapped wire copy) does not. A sentence ends at . ! ?
 * followed by space and a capital, a digit or an opening quote, unless the dot ends a known abbreviation or an
 * initial ("Mr.", "U.S.", "J.").
 */
public final class Segmenter {

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "sr", "sra", "srta", "jr",
            "gen", "sen", "rep", "gov", "lt", "col", "capt", "cmdr", "prof", "inc", "corp", "co", "ltd", "no", "vol",
            "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
            "ft", "ave", "blvd", "dept", "lic", "ing", "gral", "pres", "approx", "est", "fig", "p", "pp");

    /** Letters of the longest entry of ABBREVIATIONS ("approx"). */
    private static final int LONGEST_ABBREVIATION = 6;

    private Segmenter() {
    }

    public static List<Sentence> sentences(String text) {
        return sentences(text, text.toCharArray());
    }

    /** As {@link #sentences(String)}; the main loop reads {@code chars}, the text's characters (see Tokenizer). */
    static List<Sentence> sentences(String text, char[] chars) {
        List<Sentence> out = new ArrayList<>();
        int n = chars.length;
        int paragraph = 0;
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = chars[i];
            if (c == '\n') {
                int next = skipSpaces(chars, i + 1);
                boolean blankLine = next < n && chars[next] == '\n';
                if (blankLine || endsSentence(chars, i)) {
                    addTrimmed(out, chars, start, i, paragraph);
                    if (!out.isEmpty() && out.get(out.size() - 1).paragraph() == paragraph) {
                        paragraph++;
                    }
                    start = i + 1;
                }
                i++;
                continue;
            }
            if ((c == '.' || c == '!' || c == '?' || c == '…') && isBoundary(text, chars, start, i)) {
                int end = i + 1;
                while (end < n && isClosing(chars[end])) {
                    end++;
                }
                addTrimmed(out, chars, start, end, paragraph);
                start = end;
                i = end;
                continue;
            }
            i++;
        }
        addTrimmed(out, chars, start, n, paragraph);
        return out;
    }

    private static boolean isBoundary(String text, char[] chars, int sentenceStart, int dot) {
        int n = chars.length;
        int j = dot + 1;
        while (j < n && isClosing(chars[j])) {
            j++;
        }
        if (j < n && !Character.isWhitespace(chars[j])) {
            return false;
        }
        while (j < n && (chars[j] == ' ' || chars[j] == '\t')) {
            j++;
        }
        if (j >= n || chars[j] == '\n' || chars[j] == '\r') {
            return true;
        }
        char next = chars[j];
        boolean opensSentence = Character.isUpperCase(next) || Character.isDigit(next) || "\"“‘'¿¡([«—–-".indexOf(next) >= 0;
        if (!opensSentence) {
            return false;
        }
        if (chars[dot] != '.') {
            return true;
        }
        int wordStart = wordStart(chars, sentenceStart, dot);
        if (dot - wordStart > LONGEST_ABBREVIATION) {
            // longer than any listed abbreviation and not an initial: the sentence ends here unless the run holds a
            // dot of its own (a dotted abbreviation), which the checks below handle; no substring for most words
            if (text.lastIndexOf('.', dot - 1) < wordStart) {
                return true;
            }
        }
        String word = text.substring(wordStart, dot);
        if (word.isEmpty()) {
            return true;
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return false; // an initial: "John F. Kennedy"
        }
        if (word.indexOf('.') >= 0) {
            return false; // a dotted abbreviation: "U.S. officials", "EE.UU. Los"
        }
        return !ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Start of the run of letters and dots right before {@code dot}. */
    private static int wordStart(char[] text, int from, int dot) {
        int j = dot;
        while (j > from && (Character.isLetter(text[j - 1]) || text[j - 1] == '.')) {
            j--;
        }
        return j;
    }

    /** True when the last non-space character before {@code lineBreak} closes a sentence. */
    private static boolean endsSentence(char[] text, int lineBreak) {
        int j = lineBreak - 1;
        while (j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) {
            j--;
        }
        while (j >= 0 && isClosing(text[j])) {
            j--;
        }
        return j >= 0 && ".!?:…".indexOf(text[j]) >= 0;
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '»';
    }

    private static int skipSpaces(char[] text, int i) {
        while (i < text.length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static void addTrimmed(List<Sentence> out, char[] text, int from, int to, int paragraph) {
        while (from < to && Character.isWhitespace(text[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(text[to - 1])) {
            to--;
        }
        if (to > from) {
            out.add(new Sentence(from, to, paragraph));
        }
    }
}
