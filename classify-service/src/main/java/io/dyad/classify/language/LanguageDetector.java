package io.dyad.classify.language;

import io.dyad.classify.text.ResourceFiles;
import io.dyad.classify.text.Token;
import io.dyad.classify.text.Field;
import io.dyad.classify.text.FieldText;
import io.dyad.classify.text.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Language by function-word profiles (language/stopwords-v1.tsv): the language whose distinctive function words make
 * up the largest share of the first 2,000 tokens wins; only lower-case (or all-caps) words count, so the "Los" of "Los
 * Angeles" does not, but "Los migrantes" at a headline's start does; "ñ", "¿", "¡", "á í ó ú" and "-ción" count for
 * Spanish. English when nothing
 * decides (a title of proper names only). Small and fast, and enough to pick the English or Spanish lexicons; the
 * README gives its measured accuracy on short texts.
 */
public final class LanguageDetector {

    public static final String DEFAULT = "en";
    private static final int MAX_TOKENS = 2000;

    /** The index in {@code languages} of each function word's language, by the word's Vocabulary id (-1: none). */
    private final int[] languageOfWord;
    private final List<String> languages;
    private final int spanish;

    private LanguageDetector(Map<String, String> languageOfWord, List<String> languages) {
        int max = 0;
        for (String word : languageOfWord.keySet()) {
            max = Math.max(max, Vocabulary.intern(word));
        }
        this.languageOfWord = new int[max + 1];
        java.util.Arrays.fill(this.languageOfWord, -1);
        languageOfWord.forEach((word, language) ->
                this.languageOfWord[Vocabulary.intern(word)] = languages.indexOf(language));
        this.languages = languages;
        this.spanish = languages.indexOf("es");
        if (spanish < 0) {
            throw new IllegalStateException("stopwords-v1.tsv has no Spanish profile");
        }
    }

    public static LanguageDetector load() {
        Map<String, String> languageOfWord = new HashMap<>();
        Map<String, Boolean> languages = new LinkedHashMap<>();
        for (String[] row : ResourceFiles.readTsv("/language/stopwords-v1.tsv", null)) {
            languages.put(row[0], true);
            for (String word : row[1].trim().split("\\s+")) {
                String previous = languageOfWord.put(word, row[0]);
                if (previous != null && !previous.equals(row[0])) {
                    throw new IllegalStateException("stopwords-v1.tsv: \"" + word + "\" is listed for " + previous
                            + " and " + row[0]);
                }
            }
        }
        return new LanguageDetector(Map.copyOf(languageOfWord), List.copyOf(languages.keySet()));
    }

    public List<String> languages() {
        return languages;
    }

    private int languageOf(int id) {
        return id >= 0 && id < languageOfWord.length ? languageOfWord[id] : -1;
    }

    /** ISO 639-1 code of the language of {@code texts} (read in order, up to 2,000 tokens). */
    public String detect(String... texts) {
        List<FieldText> fields = new ArrayList<>(texts.length);
        for (String text : texts) {
            if (text != null && !text.isEmpty()) {
                fields.add(FieldText.of(Field.TEXT, text.length() > 20_000 ? text.substring(0, 20_000) : text));
            }
        }
        return detect(fields);
    }

    /** The language of already analysed fields (the classifier's): their tokens are not cut again. */
    public String detect(List<FieldText> fields) {
        double[] votes = new double[languages.size()];
        int seen = 0;
        for (FieldText field : fields) {
            if (seen >= MAX_TOKENS) {
                break;
            }
            List<Token> tokens = field.tokens();
            int sampleEnd = 0;
            for (int t = 0; t < tokens.size(); t++) {
                Token token = tokens.get(t);
                if (seen++ >= MAX_TOKENS) {
                    break;
                }
                sampleEnd = token.end();
                // capitalised function words are mostly inside names ("Los Angeles", "El Paso", "La Paz"), except
                // when a lower-case word follows: a headline or sentence start ("Los migrantes", "El gobierno")
                int language = languageOf(token.id());
                if (language >= 0 && (token.lowerCase() || token.allUpper()
                        || token.capitalized() && t + 1 < tokens.size() && tokens.get(t + 1).lowerCase())) {
                    votes[language] += 1.0;
                }
                // "-ción", "-ciones": Spanish nouns (Portuguese writes "-ção", French and English "-tion")
                if (field.nonAscii() && token.endsWith("ción") || token.endsWith("ciones")) {
                    votes[spanish] += 0.5;
                }
            }
            String text = field.text();
            int end = seen >= MAX_TOKENS ? sampleEnd : Math.min(text.length(), 20_000);
            // an ASCII text holds none of the characters counted here
            for (int i = 0; field.nonAscii() && i < end; i++) {
                char c = text.charAt(i);
                if (c < 0xA1) {
                    continue;
                }
                if (c == 'ñ' || c == 'Ñ' || c == '¿' || c == '¡') {
                    votes[spanish] += 0.5;
                } else if (c == 'á' || c == 'í' || c == 'ó' || c == 'ú') {
                    // acute a, i, o, u: Spanish or Portuguese, never English or French
                    votes[spanish] += 0.3;
                }
            }
        }
        // ties go to the language listed first in the profiles (English, then Spanish)
        String best = DEFAULT;
        double bestVotes = 0;
        for (int l = 0; l < languages.size(); l++) {
            double v = votes[l];
            if (v > bestVotes) {
                best = languages.get(l);
                bestVotes = v;
            }
        }
        return best;
    }
}
