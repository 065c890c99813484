package io.dyad.classify.text;

/**
 * A word of a field: {@code [start, end)} in the field's string, {@code letters} as written without the dots of an
 * abbreviation ("U.S." gives "US"), {@code folded} lower-cased without accents. {@code storedId} is the folded
 * word's {@link Vocabulary} id as the tokenizer found it; read it through {@link #id()}.
 */
public record Token(int start, int end, String letters, String folded, boolean dotted, int storedId) {

    /** The folded word's {@link Vocabulary} id, or {@link Vocabulary#UNKNOWN} when no resource knows it. */
    public int id() {
        return Vocabulary.resolve(storedId, folded);
    }


    /** First character is an upper-case letter. */
    public boolean capitalized() {
        return !letters.isEmpty() && Character.isUpperCase(letters.charAt(0));
    }

    /** Every letter is upper case (and there is at least one). */
    public boolean allUpper() {
        boolean any = false;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
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
        return !letters.isEmpty() && Character.isLowerCase(letters.charAt(0));
    }
}
