package io.dyad.systemtests.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An article's words as a keyword query sees them, worked out by the harness itself from the text the generator
 * wrote (not by alert-service's code): the {@code title}, and the {@code text} = summary, a blank line, body (what
 * alert-service's README says a query searches). Words follow the documented rule: lower-cased, accents folded
 * ({@code migración} = {@code migracion}), no stemming. A word is a run of letters and digits; an apostrophe, a
 * period or a colon between two of them does not end it ({@code government's} is one word), as in Unicode's word
 * boundaries (UAX #29), which Lucene's standard tokenizer follows.
 */
record ArticleWords(List<String> title, List<String> text, Set<String> titleSet, Set<String> textSet) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['.:’][\\p{L}\\p{N}]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    static ArticleWords of(String title, String text) {
        List<String> t = words(title);
        List<String> x = words(text);
        return new ArticleWords(t, x, new HashSet<>(t), new HashSet<>(x));
    }

    /** The words of {@code s}, in order, each lower-cased with its accents removed. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s == null ? "" : s);
        while (m.find()) {
            out.add(fold(m.group()));
        }
        return out;
    }

    static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** The word lists of {@code field} ("title", "text", or null for both). */
    List<List<String>> fields(String field) {
        if (field == null) {
            return List.of(title, text);
        }
        return "title".equals(field) ? List.of(title) : List.of(text);
    }

    boolean has(String field, String word) {
        return (field == null || "title".equals(field)) && titleSet.contains(word)
                || (field == null || "text".equals(field)) && textSet.contains(word);
    }

    boolean hasPrefix(String field, String prefix) {
        return (field == null || "title".equals(field)) && titleSet.stream().anyMatch(w -> w.startsWith(prefix))
                || (field == null || "text".equals(field)) && textSet.stream().anyMatch(w -> w.startsWith(prefix));
    }

    boolean hasPhrase(String field, List<String> phrase) {
        for (List<String> words : fields(field)) {
            for (int i = 0; i + phrase.size() <= words.size(); i++) {
                if (words.subList(i, i + phrase.size()).equals(phrase)) {
                    return true;
                }
            }
        }
        return false;
    }
}
