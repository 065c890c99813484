package io.dyad.classify.gazetteer;

import io.dyad.classify.text.FieldText;
import io.dyad.classify.text.Token;
import java.util.Set;

/** How the case of the text must agree with a gazetteer phrase (tokens are compared folded first). */
public enum CaseRule {
    /** Letters and case exactly as written, dots aside: "US" and "U.S." but never "us". */
    EXACT,
    /** Every capitalised word of the phrase (articles and prepositions aside) is capitalised in the text. */
    CAP,
    /** A lower-case word (Spanish demonyms: "mexicano"); capitalised only where capitals carry no information. */
    LOWER,
    /** Any case (blocker phrases). */
    FOLD;

    private static final Set<String> FUNCTION_WORDS = Set.of("the", "of", "and", "el", "la", "los", "las", "de",
            "del", "y", "d", "da", "do", "du", "le", "les", "des", "et", "e", "upon", "on", "a");

    /** True when {@code phrase}'s tokens, as written in the resource, accept the text tokens from {@code first}. */
    public boolean accepts(String[] phrase, FieldText field, int first) {
        switch (this) {
            case EXACT:
                for (int k = 0; k < phrase.length; k++) {
                    if (!field.tokens().get(first + k).letters().equals(phrase[k])) {
                        return false;
                    }
                }
                return true;
            case CAP:
                for (int k = 0; k < phrase.length; k++) {
                    String word = phrase[k];
                    Token token = field.tokens().get(first + k);
                    // the cheap checks first: the function-word test lower-cases the word, and most words pass
                    if (!word.isEmpty() && Character.isUpperCase(word.charAt(0)) && !token.capitalized()
                            && !Character.isDigit(field.text().charAt(token.start()))
                            && !FUNCTION_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                        return false;
                    }
                }
                return true;
            case LOWER:
                Token token = field.tokens().get(first);
                return token.lowerCase() || !field.casingInformative(first);
            default:
                return true;
        }
    }
}
