package io.dyad.classify.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a string into tokens: runs of letters and digits, and dotted abbreviations ("U.S.", "EE.UU.", "D.C.") as one
 * token. Everything else separates. Must agree with {@code tokens()} in tools/build_gazetteer.py.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 6));
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int abbreviationEnd = dottedAbbreviationEnd(text, i);
            if (abbreviationEnd > 0) {
                String raw = text.substring(i, abbreviationEnd);
                String letters = raw.replace(".", "");
                tokens.add(new Token(i, abbreviationEnd, letters, Folding.fold(letters), true));
                i = abbreviationEnd;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.charAt(i))) {
                i++;
            }
            String raw = text.substring(start, i);
            tokens.add(new Token(start, i, raw, Folding.fold(raw), false));
        }
        return tokens;
    }

    static boolean isWordChar(char c) {
        if (c < 128) { // the common case, without the Unicode tables
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** End of a run of at least two groups of one or two letters each followed by a dot ("U.S.", "EE.UU."), or -1. */
    private static int dottedAbbreviationEnd(String text, int start) {
        int groups = 0;
        int i = start;
        int n = text.length();
        while (i < n) {
            int letters = 0;
            while (i + letters < n && Character.isLetter(text.charAt(i + letters)) && letters < 3) {
                letters++;
            }
            if (letters < 1 || letters > 2 || i + letters >= n || text.charAt(i + letters) != '.') {
                break;
            }
            groups++;
            i += letters + 1;
        }
        return groups >= 2 ? i : -1;
    }
}
