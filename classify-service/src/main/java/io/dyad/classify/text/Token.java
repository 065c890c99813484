package io.dyad.classify.text;

/**
 * A word of a field: {@code [start, end)} in the field's string, {@link #letters()} as written without the dots of an
 * abbreviation ("U.S." gives "US"), {@link #folded()} lower-cased without accents. {@code storedId} is the folded
 * word's {@link Vocabulary} id as the tokenizer found it; read it through {@link #id()}. {@link #lettersOnly()}: every
 * character is a letter (or a combining mark), no digit and no dot, so the issue model reads the token as one word.
 * The letters of a capitalised word are cut from the text only when someone asks for them (most never are): the case
 * checks read the field's characters in place (the char[] copy the tokenizer read, not String.charAt's dispatch).
 */
public final class Token {

    private final int start;
    private final int end;
    private final char[] source; // the field's characters
    private String letters; // null until asked for (a word as written, not dotted, in source[start, end))
    private final String folded;
    private final boolean dotted;
    private final int storedId;
    private final boolean lettersOnly;

    Token(int start, int end, char[] source, String letters, String folded, boolean dotted, int storedId,
            boolean lettersOnly) {
        this.start = start;
        this.end = end;
        this.source = source;
        this.letters = letters;
        this.folded = folded;
        this.dotted = dotted;
        this.storedId = storedId;
        this.lettersOnly = lettersOnly;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** The word as written, without the dots of an abbreviation. */
    public String letters() {
        String l = letters;
        if (l == null) {
            l = new String(source, start, end - start);
            letters = l; // a benign race: every thread computes the same String
        }
        return l;
    }

    /** Length of {@link #letters()}, without cutting them. */
    public int length() {
        return letters != null ? letters.length() : end - start;
    }

    public String folded() {
        return folded;
    }

    public boolean dotted() {
        return dotted;
    }

    public int storedId() {
        return storedId;
    }

    public boolean lettersOnly() {
        return lettersOnly;
    }

    /** The folded word's {@link Vocabulary} id, or {@link Vocabulary#UNKNOWN} when no resource knows it. */
    public int id() {
        return Vocabulary.resolve(storedId, folded);
    }

    /** First character is an upper-case letter. */
    public boolean capitalized() {
        // a dotted abbreviation starts with its first letter too
        return Character.isUpperCase(source[start]);
    }

    /** Every letter is upper case (and there is at least one). The dots of an abbreviation are no letters. */
    public boolean allUpper() {
        boolean any = false;
        for (int i = start; i < end; i++) {
            char c = source[i];
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    public boolean lowerCase() {
        return Character.isLowerCase(source[start]);
    }

    /** True when {@link #letters()} ends with {@code suffix}. */
    public boolean endsWith(String suffix) {
        if (letters != null || dotted) {
            return letters().endsWith(suffix);
        }
        int length = suffix.length();
        // the last letter first: it rejects nearly every word
        if (end - start < length || source[end - 1] != suffix.charAt(length - 1)) {
            return false;
        }
        for (int k = 0, from = end - length; k < length - 1; k++) {
            if (source[from + k] != suffix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return letters() + "[" + start + "," + end + ")";
    }
}
