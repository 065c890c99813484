package io.dyad.classify.issues;

import io.dyad.classify.text.Folding;
import io.dyad.classify.text.ResourceFiles;
import io.dyad.classify.text.Token;
import io.dyad.classify.text.TokenTrie;
import io.dyad.classify.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The issue phrases of one language, from issues/lexicon-&lt;language&gt;-v1.tsv, as a token trie. */
public final class IssueLexicon {

    public static final String VERSION = "v1";

    private final String language;
    private final TokenTrie<LexiconEntry> trie;
    private final int repeatKeys;

    private IssueLexicon(String language, TokenTrie<LexiconEntry> trie, int repeatKeys) {
        this.language = language;
        this.trie = trie;
        this.repeatKeys = repeatKeys;
    }

    /** Number of distinct repeat keys (lower-cased phrases) of the entries. */
    public int repeatKeys() {
        return repeatKeys;
    }

    public static IssueLexicon load(String language, IssueTaxonomy taxonomy) {
        String resource = "/issues/lexicon-" + language + "-" + VERSION + ".tsv";
        TokenTrie<LexiconEntry> trie = new TokenTrie<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> repeatIndex = new HashMap<>();
        for (String[] row : ResourceFiles.readTsv(resource, null)) {
            if (row.length != 2) {
                throw new IllegalStateException(resource + ": expected \"phrase<TAB>issue:weight,...\", got "
                        + String.join(" | ", row));
            }
            String phrase = row[0].strip();
            boolean caseSensitive = phrase.startsWith("=");
            if (caseSensitive) {
                phrase = phrase.substring(1);
            }
            if (!seen.add(caseSensitive ? "=" + phrase : phrase.toLowerCase())) {
                throw new IllegalStateException(resource + ": \"" + phrase + "\" is listed twice");
            }
            Map<String, Double> weights = parseWeights(resource, phrase, row[1].strip(), taxonomy);
            List<String> steps = new ArrayList<>();
            List<String> words = new ArrayList<>();
            int specificity = 0;
            for (String part : phrase.split("\\s+")) {
                boolean prefix = part.endsWith("*");
                String body = prefix ? part.substring(0, part.length() - 1) : part;
                List<Token> tokens = Tokenizer.tokenize(body);
                for (int i = 0; i < tokens.size(); i++) {
                    boolean lastPrefix = prefix && i == tokens.size() - 1;
                    String folded = Folding.fold(tokens.get(i).letters());
                    steps.add(lastPrefix ? folded + "*" : folded);
                    words.add(tokens.get(i).letters());
                    specificity += lastPrefix ? folded.length() : 100;
                }
            }
            LexiconEntry entry = new LexiconEntry(phrase, words.toArray(String[]::new), caseSensitive, weights,
                    specificity);
            int repeat = repeatIndex.computeIfAbsent(entry.repeatKey(), k -> repeatIndex.size());
            trie.add(steps, entry.indexed(repeat, taxonomy));
        }
        return new IssueLexicon(language, trie, repeatIndex.size());
    }

    private static Map<String, Double> parseWeights(String resource, String phrase, String spec,
            IssueTaxonomy taxonomy) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (spec.equals("-")) {
            return weights;
        }
        for (String item : spec.split(",")) {
            String[] kv = item.strip().split(":");
            if (kv.length != 2 || !taxonomy.contains(kv[0])) {
                throw new IllegalStateException(resource + ": \"" + phrase + "\" has bad issue weight \"" + item + "\"");
            }
            weights.put(kv[0], Double.parseDouble(kv[1]));
        }
        return Map.copyOf(weights);
    }

    public String language() {
        return language;
    }

    public TokenTrie<LexiconEntry> trie() {
        return trie;
    }
}
