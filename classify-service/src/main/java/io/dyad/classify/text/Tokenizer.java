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
        return tokenize(text, null);
    }

    /**
     * As {@link #tokenize(String)}; ORs every character of the text into {@code charBits[0]}, so the caller knows
     * without another pass whether the text is plain ASCII (the bits stay below 0x80).
     */
    static List<Token> tokenize(String text, int[] charBits) {
        return tokenize(text, text.toCharArray(), charBits);
    }

    /**
     * As {@link #tokenize(String, int[])}, reading the characters from {@code chars} (the text's, copied once by the
     * caller): the per-character loop indexes an array instead of calling String.charAt, whose Latin-1/UTF-16
     * dispatch and bounds check it paid on every character.
     */
    static List<Token> tokenize(String text, char[] chars, int[] charBits) {
        int bits = 0;
        // about one token per 5.5 characters of English news: sized so that the list rarely grows
        List<Token> tokens = new ArrayList<>(Math.max(16, text.length() / 5));
        char[] buffer = new char[MAX_FAST_WORD];
        int unknown = Vocabulary.unknownStamp();
        int n = chars.length;
        int i = 0;
        while (i < n) {
            char first = chars[i];
            if (!isWordChar(first)) {
                bits |= first;
                i++;
                continue;
            }
            // an abbreviation's first group is one or two letters and a dot: most words are rejected at a glance
            int abbreviationEnd = i + 1 < n && chars[i + 1] == '.' || i + 2 < n && chars[i + 2] == '.'
                    ? dottedAbbreviationEnd(text, i) : -1;
            if (abbreviationEnd > 0) {
                for (int k = i; k < abbreviationEnd; k++) {
                    bits |= text.charAt(k);
                }
                String raw = text.substring(i, abbreviationEnd);
                String letters = raw.replace(".", "");
                tokens.add(token(chars, i, abbreviationEnd, letters, true));
                i = abbreviationEnd;
                continue;
            }
            int start = i;
            boolean ascii = true;
            boolean lower = true;
            boolean digits = false;
            int hash = 0;
            long packed = 0; // the folded letters as Vocabulary.shortId reads them, while the word is short
            while (i < n) {
                char c = chars[i];
                int code;
                if (c < 128) {
                    // one table read tells a separator, a letter and a digit apart, and gives the packed code
                    code = ASCII_CODE[c];
                    if (code == 0) {
                        break;
                    }
                    bits |= c;
                    if (c <= 'Z') {
                        if (c >= 'A') {
                            lower = false;
                            c += 32;
                        } else {
                            digits = true;
                        }
                    }
                } else {
                    if (!isWordChar(c)) {
                        break;
                    }
                    bits |= c;
                    ascii = false;
                    code = 0;
                }
                if (i - start < buffer.length) {
                    buffer[i - start] = c;
                }
                hash = 31 * hash + c;
                packed = packed << 6 | code;
                i++;
            }
            int length = i - start;
            int id;
            if (ascii && length <= Vocabulary.SHORT_MAX) {
                id = Vocabulary.shortId(packed); // an ASCII word char folds to a-z or 0-9: every code is non-zero
            } else {
                id = ascii && length <= buffer.length ? Vocabulary.id(buffer, length, hash) : Vocabulary.UNKNOWN;
            }
            if (id != Vocabulary.UNKNOWN) {
                // a known word: its canonical String, and no copy of the letters (cut later if someone asks)
                String folded = Vocabulary.word(id);
                tokens.add(new Token(start, i, chars, lower ? folded : null, folded, false, id, !digits));
            } else if (ascii && length <= buffer.length) {
                // the buffer holds the folded (lower-cased) letters
                String folded = new String(buffer, 0, length);
                tokens.add(new Token(start, i, chars, lower ? folded : null, folded, false, unknown, !digits));
            } else {
                String raw = text.substring(start, i);
                tokens.add(token(chars, start, i, raw, false));
            }
        }
        if (charBits != null) {
            charBits[0] |= bits;
        }
        return tokens;
    }

    private static Token token(char[] chars, int start, int end, String letters, boolean dotted) {
        String folded = Folding.fold(letters);
        int id = Vocabulary.id(folded);
        boolean lettersOnly = !dotted && lettersOnly(letters);
        return id == Vocabulary.UNKNOWN
                ? new Token(start, end, chars, letters, folded, dotted, Vocabulary.unknownStamp(), lettersOnly)
                : new Token(start, end, chars, letters, Vocabulary.word(id), dotted, id, lettersOnly);
    }

    /** Letters and combining marks only (no digit of any script). */
    private static boolean lettersOnly(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!Character.isLetter(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per ASCII character: 0 for a separator, else the {@link Vocabulary#shortCode} of its folded form (a letter of
     * either case 1-26, a digit 27-36).
     */
    private static final byte[] ASCII_CODE = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_CODE[c] = (byte) (isWordChar(c) ? Vocabulary.shortCode(Character.toLowerCase(c)) : 0);
        }
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
