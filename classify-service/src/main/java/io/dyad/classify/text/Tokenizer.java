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
        char[] buffer = new char[MAX_FAST_WORD];
        int unknown = Vocabulary.unknownStamp();
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
                tokens.add(token(i, abbreviationEnd, letters, true));
                i = abbreviationEnd;
                continue;
            }
            int start = i;
            boolean ascii = true;
            boolean lower = true;
            int hash = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (!isWordChar(c)) {
                    break;
                }
                if (c >= 128) {
                    ascii = false;
                } else if (c >= 'A' && c <= 'Z') {
                    lower = false;
                    c += 32;
                }
                if (i - start < buffer.length) {
                    buffer[i - start] = c;
                }
                hash = 31 * hash + c;
                i++;
            }
            int length = i - start;
            int id = ascii && length <= buffer.length ? Vocabulary.id(buffer, length, hash) : Vocabulary.UNKNOWN;
            if (id != Vocabulary.UNKNOWN) {
                // a known word: its canonical String, and no copy of the letters when they are already folded
                String folded = Vocabulary.word(id);
                tokens.add(new Token(start, i, lower ? folded : text.substring(start, i), folded, false, id));
            } else if (ascii && length <= buffer.length) {
                String raw = text.substring(start, i);
                tokens.add(new Token(start, i, raw, Folding.fold(raw), false, unknown));
            } else {
                String raw = text.substring(start, i);
                tokens.add(token(start, i, raw, false));
            }
        }
        return tokens;
    }

    private static Token token(int start, int end, String letters, boolean dotted) {
        String folded = Folding.fold(letters);
        int id = Vocabulary.id(folded);
        return id == Vocabulary.UNKNOWN ? new Token(start, end, letters, folded, dotted, Vocabulary.unknownStamp())
                : new Token(start, end, letters, Vocabulary.word(id), dotted, id);
    }

    /** Longer words are not in the vocabulary's fast path (they are folded into a String as before). */
    private static final int MAX_FAST_WORD = 48;

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
