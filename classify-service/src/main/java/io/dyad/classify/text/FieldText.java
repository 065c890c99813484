package io.dyad.classify.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private final boolean[] boilerplate;
    /** Some character is not ASCII; null until asked: some character is a surrogate (outside the BMP). */
    private final boolean nonAscii;
    private Boolean surrogates;

    /**
     * Sentences that are about the page rather than the story: navigation and teasers ("Read more", "Related:",
     * "Lee también"), credits and author bios ("Reporting by ... in Mexico City", "Jane Doe is a reporter based in
     * Madrid", "es corresponsal en ..."), copyright lines. Places named there count little and relate nothing.
     */
    private static final String OPENING_REGEX =
            "^\\W*(read more|related( stories| articles| coverage)?\\b|see also|more from|recommended|sign up|subscribe"
                    + "|follow (us|him|her|them)\\b|share this|click here|advertisement|copyright|©|all rights reserved"
                    + "|lee también|leer más|te puede interesar|suscr[ií]bete|s[ií]guenos|notas? relacionadas?"
                    + "|m[aá]s informaci[oó]n)";
    private static final String BODY_REGEX =
                    "\\b(is|was) an? ([\\p{L}-]+ ){0,3}(reporter|correspondent|writer|journalist|editor|columnist"
                    + "|contributor|author|producer|fellow)\\b"
                    + "|\\b(additional )?(reporting|writing|editing) by\\b|\\bcontributed (reporting|to this report)\\b"
                    + "|\\b(es|fue) (periodista|corresponsal|reporter[oa]?|editor[a]?|columnista|colaborador[a]?)\\b"
                    + "|\\bcon (informaci[oó]n|reporte) de\\b";
    /**
     * The boilerplate pattern (OPENING_REGEX | BODY_REGEX, case-insensitive) in two parts: the opening alternatives can match only at the
     * sentence's start (run with lookingAt), and each body alternative needs one of BODY_CUES as a word of its own
     * (the role noun, "reporting/writing/editing", "contributed", "información/reporte"): it runs only then.
     */
    private static final Pattern OPENING = Pattern.compile(OPENING_REGEX, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BODY = Pattern.compile(BODY_REGEX, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * Words one of which every boilerplate match contains (folded): the regex runs only on sentences holding one, as
     * running it on every sentence cost a sixth of the classification time.
     */
    private static final java.util.Set<String> BOILERPLATE_CUES = java.util.Set.of("read", "related", "see", "more",
            "recommended", "sign", "subscribe", "follow", "share", "click", "advertisement", "copyright", "rights",
            "lee", "leer", "te", "suscribete", "suscribase", "siguenos", "nota", "notas", "mas", "reporter",
            "correspondent", "writer", "journalist", "editor", "columnist", "contributor", "author", "producer",
            "fellow", "reporting", "writing", "editing", "contributed", "periodista", "corresponsal", "reportero",
            "reportera", "editora", "columnista", "colaborador", "colaboradora", "informacion", "reporte");

    /** The cue words of BODY_REGEX (folded). */
    private static final java.util.Set<String> BODY_CUES = java.util.Set.of("reporter", "correspondent", "writer",
            "journalist", "editor", "columnist", "contributor", "author", "producer", "fellow", "reporting", "writing",
            "editing", "contributed", "periodista", "corresponsal", "reportero", "reportera", "editora", "columnista",
            "colaborador", "colaboradora", "informacion", "reporte");

    /** Per Vocabulary id: 1 = a cue word of boilerplate, 2 = also a cue of its body alternatives. */
    private static final byte[] CUE_OF_WORD;

    static {
        int max = 0;
        for (String cue : BOILERPLATE_CUES) {
            max = Math.max(max, Vocabulary.intern(cue));
        }
        CUE_OF_WORD = new byte[max + 1];
        for (String cue : BOILERPLATE_CUES) {
            CUE_OF_WORD[Vocabulary.intern(cue)] = (byte) (BODY_CUES.contains(cue) ? 2 : 1);
        }
        if (!BOILERPLATE_CUES.containsAll(BODY_CUES)) {
            throw new IllegalStateException("every body cue is a boilerplate cue");
        }
    }

    private static int cueOf(Token token) {
        int id = token.id();
        return id >= 0 && id < CUE_OF_WORD.length ? CUE_OF_WORD[id] : 0;
    }

    private static final String[] BOILERPLATE_OPENING_PREFIXES = {"subscri", "advertis", "copyright", "recommend",
        "suscr", "sigu", "sígu"};

    /** The first letters of BOILERPLATE_OPENING_PREFIXES: most words are answered by their first letter. */
    private static final String OPENING_PREFIX_FIRST_LETTERS = firstLetters(BOILERPLATE_OPENING_PREFIXES);

    private static String firstLetters(String[] prefixes) {
        StringBuilder letters = new StringBuilder();
        for (String prefix : prefixes) {
            if (letters.indexOf(prefix.substring(0, 1)) < 0) {
                letters.append(prefix.charAt(0));
            }
        }
        return letters.toString();
    }

    private static boolean opensBoilerplate(String folded) {
        return !folded.isEmpty() && OPENING_PREFIX_FIRST_LETTERS.indexOf(folded.charAt(0)) >= 0
                && startsWithAny(folded, BOILERPLATE_OPENING_PREFIXES);
    }

    private static boolean startsWithAny(String folded, String[] prefixes) {
        for (String prefix : prefixes) {
            if (folded.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private FieldText(Field field, String text) {
        this.field = field;
        this.text = text;
        int[] charBits = new int[1];
        char[] chars = text.toCharArray(); // read by both passes' character loops
        this.tokens = Tokenizer.tokenize(text, chars, charBits);
        this.nonAscii = charBits[0] >= 0x80;
        this.sentences = Segmenter.sentences(text, chars);
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
        this.casingUninformative = allCaps(tokens, text) || (field == Field.TITLE && titleCase(tokens, text));
        this.boilerplate = new boolean[sentences.size()];
        if (field != Field.TITLE && !sentences.isEmpty()) {
            boolean[] cue = new boolean[sentences.size()];
            boolean[] bodyCue = new boolean[sentences.size()];
            for (int t = 0; t < tokens.size(); t++) {
                int kind = cueOf(tokens.get(t));
                int of = sentenceOfToken[t];
                if (kind == 2) {
                    bodyCue[of] = true;
                }
                if (!cue[of] && (kind > 0
                        // the opening words of the regex match as prefixes: "Subscribers", "Advertisements"
                        || sentenceStart[t] && opensBoilerplate(tokens.get(t).folded()))) {
                    cue[of] = true;
                }
            }
            boolean copyrightSign = text.indexOf('©') >= 0;
            Matcher opening = null;
            Matcher body = null;
            for (int i = 0; i < sentences.size(); i++) {
                Sentence sentence = sentences.get(i);
                boolean candidate = cue[i] || copyrightSign && text.substring(sentence.start(), sentence.end()).indexOf('©') >= 0;
                if (!candidate) {
                    continue;
                }
                // a region with the default (opaque, anchoring) bounds matches as the sentence's substring does
                opening = opening == null ? OPENING.matcher(text) : opening;
                opening.region(sentence.start(), sentence.end());
                if (opening.lookingAt()) {
                    boilerplate[i] = true;
                } else if (bodyCue[i]) {
                    body = body == null ? BODY.matcher(text) : body;
                    body.region(sentence.start(), sentence.end());
                    boilerplate[i] = body.find();
                }
            }
        }
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

    /** True when the text holds a character outside the Basic Multilingual Plane (a surrogate pair). */
    public boolean hasSurrogates() {
        if (surrogates == null) {
            boolean any = false;
            for (int i = 0; nonAscii && i < text.length() && !any; i++) {
                any = Character.isSurrogate(text.charAt(i));
            }
            surrogates = any;
        }
        return surrogates;
    }

    /** True when some character of the text is not ASCII (accents, curly quotes, other scripts). */
    public boolean nonAscii() {
        return nonAscii;
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

    /** True when sentence {@code sentence} is page furniture, a credit or an author bio (see OPENING_REGEX, BODY_REGEX). */
    public boolean boilerplate(int sentence) {
        return sentence < boilerplate.length && boilerplate[sentence];
    }

    /** True when the case of token {@code t} says whether it is a proper noun. */
    public boolean casingInformative(int t) {
        return !casingUninformative && !sentenceStart[t];
    }

    /** The separator characters between token {@code t - 1} and token {@code t}. */
    public CharSequence gapBefore(int t) {
        return text.subSequence(tokens.get(t - 1).end(), tokens.get(t).start());
    }

    /** Start of the separator between token {@code t - 1} and token {@code t} (the gap is [gapStart, gapEnd)). */
    public int gapStart(int t) {
        return tokens.get(t - 1).end();
    }

    public int gapEnd(int t) {
        return tokens.get(t).start();
    }

    /** True when a single space separates token {@code t - 1} from token {@code t}. */
    public boolean singleSpaceBefore(int t) {
        int from = gapStart(t);
        return gapEnd(t) - from == 1 && text.charAt(from) == ' ';
    }

    private static boolean allCaps(List<Token> tokens, String text) {
        int textLength = text.length();
        int upper = 0;
        int lower = 0;
        for (Token token : tokens) {
            // stop as soon as the rest of the text could not outweigh the lower-case letters seen (most texts)
            if (lower * 10 >= upper + (textLength - token.start())) {
                return false;
            }
            // the dots of an abbreviation are neither upper nor lower case: the token's span counts as its letters
            for (int i = token.start(); i < token.end(); i++) {
                char c = text.charAt(i);
                if (Character.isUpperCase(c)) {
                    upper++;
                } else if (Character.isLowerCase(c)) {
                    lower++;
                }
            }
        }
        return upper >= 4 && lower * 10 < upper;
    }

    private static boolean titleCase(List<Token> tokens, String text) {
        int words = 0;
        int capitalized = 0;
        for (Token token : tokens) {
            if (token.length() >= 4 && Character.isLetter(text.charAt(token.start()))) {
                words++;
                if (token.capitalized()) {
                    capitalized++;
                }
            }
        }
        return words >= 2 && capitalized * 10 >= words * 7;
    }
}
