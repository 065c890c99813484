package io.dyad.ingest.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Function words (articles, pronouns, prepositions, auxiliaries …) of a few languages, from
 * {@code extract/function-words.txt}: prose is dense in them, menus, teaser headlines and captions are not — the main
 * signal of jusText's boilerplate removal. Immutable, thread-safe.
 */
final class FunctionWords {

    static final String RESOURCE = "/extract/function-words.txt";
    private static final FunctionWords SHIPPED = read();

    /** Language codes in file order; a word's bit {@code 1 << i} means language i lists it. */
    final List<String> languages;
    private final Map<String, Integer> bits;
    /** No listed word is longer: longer words need no look-up. */
    private final int longest;

    private FunctionWords(List<String> languages, Map<String, Integer> bits, int longest) {
        this.languages = List.copyOf(languages);
        this.bits = bits;
        this.longest = longest;
    }

    static FunctionWords shipped() {
        return SHIPPED;
    }

    private static FunctionWords read() {
        List<String> languages = new ArrayList<>();
        Map<String, Integer> bits = new HashMap<>();
        int longest = 0;
        try (InputStream in = FunctionWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                int bit = 1 << languages.size();
                languages.add(words[0]);
                for (int i = 1; i < words.length; i++) {
                    String w = words[i].toLowerCase(Locale.ROOT);
                    bits.merge(w, bit, (a, b) -> a | b);
                    longest = Math.max(longest, w.length());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (languages.size() > 31) {
            throw new IllegalStateException("at most 31 languages in " + RESOURCE);
        }
        return new FunctionWords(languages, bits, longest);
    }

    /**
     * Counts, per language, the function words of {@code text} (words are runs of letters, apostrophes inside them
     * kept), and the number of words; {@code counts} has one slot per language plus the word count last.
     */
    void count(String text, int[] counts) {
        java.util.Arrays.fill(counts, 0);
        int words = 0;
        int n = text.length();
        int i = 0;
        StringBuilder word = new StringBuilder(longest + 1);
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            word.setLength(0);
            boolean tooLong = false;
            while (i < n) {
                c = text.charAt(i);
                boolean apostrophe = (c == '\'' || c == '’') && i + 1 < n && Character.isLetter(text.charAt(i + 1))
                        && word.length() > 0;
                if (!Character.isLetterOrDigit(c) && !apostrophe) {
                    break;
                }
                if (!tooLong) {
                    if (word.length() == longest) {
                        tooLong = true;
                    } else {
                        word.append(apostrophe ? '\'' : Character.toLowerCase(c));
                    }
                }
                i++;
            }
            words++;
            if (!tooLong) {
                Integer b = bits.get(word.toString());
                if (b != null) {
                    for (int l = 0, m = b; m != 0; l++, m >>>= 1) {
                        if ((m & 1) != 0) {
                            counts[l]++;
                        }
                    }
                }
            }
        }
        counts[languages.size()] = words;
    }
}
