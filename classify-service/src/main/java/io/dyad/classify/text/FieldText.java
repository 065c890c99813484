package io.dyad.classify.text;

import java.util.List;

/**
 * One article field, analysed once and shared by every detector: its tokens, sentences and paragraphs, and whether
 * capital letters carry information (they do not in an all-caps field, in a headline written in Title Case, or on
 * the first word of a sentence).
 */
public final class FieldText {

    private final Field field;
    private final String text;
    private final List<Token> tokens;
    private final List<Sentence> sentences;
    private final int[] sentenceOfToken;
    private final boolean[] sentenceStart;
    private final boolean casingUninformative;

    private FieldText(Field field, String text) {
        this.field = field;
        this.text = text;
        this.tokens = Tokenizer.tokenize(text);
        this.sentences = Segmenter.sentences(text);
        this.sentenceOfToken = new int[tokens.size()];
        this.sentenceStart = new boolean[tokens.size()];
        int s = 0;
        int previousSentence = -1;
        for (int t = 0; t < tokens.size(); t++) {
            int offset = tokens.get(t).start();
            while (s < sentences.size() - 1 && offset >= sentences.get(s).end()) {
                s++;
            }
            sentenceOfToken[t] = sentences.isEmpty() ? 0 : s;
            sentenceStart[t] = sentenceOfToken[t] != previousSentence;
            previousSentence = sentenceOfToken[t];
        }
        this.casingUninformative = allCaps(tokens) || (field == Field.TITLE && titleCase(tokens));
    }

    public static FieldText of(Field field, String text) {
        return new FieldText(field, text == null ? "" : text);
    }

    public Field field() {
        return field;
    }

    public String text() {
        return text;
    }

    public List<Token> tokens() {
        return tokens;
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Index in {@link #sentences()} of the sentence holding token {@code t}. */
    public int sentenceOf(int t) {
        return sentenceOfToken[t];
    }

    public int paragraphOf(int t) {
        return sentences.isEmpty() ? 0 : sentences.get(sentenceOfToken[t]).paragraph();
    }

    /** True when the case of token {@code t} says whether it is a proper noun. */
    public boolean casingInformative(int t) {
        return !casingUninformative && !sentenceStart[t];
    }

    /** The separator characters between token {@code t - 1} and token {@code t}. */
    public CharSequence gapBefore(int t) {
        return text.subSequence(tokens.get(t - 1).end(), tokens.get(t).start());
    }

    private static boolean allCaps(List<Token> tokens) {
        int upper = 0;
        int lower = 0;
        for (Token token : tokens) {
            String letters = token.letters();
            for (int i = 0; i < letters.length(); i++) {
                char c = letters.charAt(i);
                if (Character.isUpperCase(c)) {
                    upper++;
                } else if (Character.isLowerCase(c)) {
                    lower++;
                }
            }
        }
        return upper >= 4 && lower * 10 < upper;
    }

    private static boolean titleCase(List<Token> tokens) {
        int words = 0;
        int capitalized = 0;
        for (Token token : tokens) {
            if (token.letters().length() >= 4 && Character.isLetter(token.letters().charAt(0))) {
                words++;
                if (token.capitalized()) {
                    capitalized++;
                }
            }
        }
        return words >= 2 && capitalized * 10 >= words * 7;
    }
}
