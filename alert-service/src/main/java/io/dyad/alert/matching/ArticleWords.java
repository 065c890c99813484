package io.dyad.alert.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * The distinct analysed words of one field of one article, each with its 64-bit {@link Fingerprint}, in an
 * open-addressing table of fingerprints. A word query knows its word's fingerprint in advance, so asking "does the
 * article hold this word" costs one probe of a table that stays in the core's cache, and a string compare only on a
 * hit; the keyword-only presearch reads the fingerprints as computed here. Tokens repeat a lot (600 tokens, ~400
 * distinct words in a news text): a token already present costs no string at all.
 */
final class ArticleWords {

    static final ArticleWords EMPTY = new ArticleWords(0);

    private String[] words;
    private long[] fingerprints;
    private int size;
    /** slot → fingerprint (0 = free; fingerprints are never 0) and the word's number */
    private long[] slots;
    private int[] slotWord;
    private int mask;
    private String[] sorted;
    /** for prefixes: (first three chars << 16 | word number), sorted; see {@link #containsPrefix} */
    private long[] byStart;
    /** positions: per word its first occurrence, per occurrence its position and the word's next occurrence (-1) */
    private int[] firstOccurrence;
    private int[] lastOccurrence;
    private int[] occurrencePosition;
    private int[] nextOccurrence;
    private int occurrences;

    private ArticleWords(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        slots = new long[capacity];
        slotWord = new int[capacity];
        mask = capacity - 1;
        words = new String[Math.max(4, expected)];
        fingerprints = new long[words.length];
        firstOccurrence = new int[words.length];
        lastOccurrence = new int[words.length];
        occurrencePosition = new int[Math.max(4, expected * 2)];
        nextOccurrence = new int[occurrencePosition.length];
    }

    /** The words of {@code value} as {@code field} is analysed for queries and the in-memory index. */
    static ArticleWords analyse(String field, String value) {
        if (value.isEmpty()) {
            return EMPTY;
        }
        // a guess at the distinct words (about one per 12 characters in news text); the table grows when needed
        ArticleWords out = new ArticleWords(Math.min(4096, value.length() / 12 + 8));
        try (TokenStream stream = KeywordQueries.ANALYZER.tokenStream(field, value)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            // positions as the in-memory index counts them: the first token is at 0
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                out.add(term, position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    int size() {
        return size;
    }

    String word(int i) {
        return words[i];
    }

    long fingerprint(int i) {
        return fingerprints[i];
    }

    /** True when some word has this fingerprint (a fingerprint collision says true: callers check exactly after). */
    boolean mayContain(long fingerprint) {
        int slot = (int) fingerprint & mask;
        while (true) {
            long f = slots[slot];
            if (f == fingerprint) {
                return true;
            }
            if (f == 0) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** True when {@code word}, whose fingerprint is {@code fingerprint}, is one of the words. */
    boolean contains(long fingerprint, String word) {
        return indexOf(fingerprint, word) >= 0;
    }

    /**
     * True when the word of {@code length} chars stored two per int from {@code packed[at]} (see
     * {@link WordChecks}), whose fingerprint is {@code fingerprint}, is one of the words.
     */
    boolean contains(long fingerprint, int[] packed, int at, int length) {
        int slot = (int) fingerprint & mask;
        while (true) {
            long f = slots[slot];
            if (f == fingerprint && samePacked(words[slotWord[slot]], packed, at, length)) {
                return true;
            }
            if (f == 0) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean samePacked(String word, int[] packed, int at, int length) {
        if (word.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int two = packed[at + (i >>> 1)];
            char c = (char) ((i & 1) == 0 ? two >>> 16 : two);
            if (word.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** The number of {@code word} among the words, or -1. */
    private int indexOf(long fingerprint, String word) {
        int slot = (int) fingerprint & mask;
        while (true) {
            long f = slots[slot];
            if (f == fingerprint && words[slotWord[slot]].equals(word)) {
                return slotWord[slot];
            }
            if (f == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * True when the words occur as an exact phrase: some start position p where word i is at p + positions[i]
     * (Lucene's exact phrase rule, slop 0, positions as the query parser gave them).
     */
    boolean containsPhrase(long[] phraseFingerprints, String[] phraseWords, int[] positions) {
        for (int i = 0; i < phraseWords.length; i++) {
            if (indexOf(phraseFingerprints[i], phraseWords[i]) < 0) {
                return false;
            }
        }
        int lead = indexOf(phraseFingerprints[0], phraseWords[0]);
        for (int o = firstOccurrence[lead]; o >= 0; o = nextOccurrence[o]) {
            int start = occurrencePosition[o] - positions[0];
            boolean all = true;
            for (int i = 1; i < phraseWords.length && all; i++) {
                all = occursAt(indexOf(phraseFingerprints[i], phraseWords[i]), start + positions[i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private boolean occursAt(int word, int position) {
        for (int o = firstOccurrence[word]; o >= 0; o = nextOccurrence[o]) {
            int at = occurrencePosition[o];
            if (at >= position) {
                return at == position;
            }
        }
        return false;
    }

    /**
     * True when one of the words starts with {@code prefix}. The first call sorts the words' numbers by their first
     * three chars (primitive longs: sorting the strings themselves cost a tenth of matching a busy article), so a
     * prefix reads a short run of words that begin like it.
     */
    boolean containsPrefix(String prefix) {
        if (size == 0) {
            return false;
        }
        if (size > WORD_NUMBERS) {
            return containsPrefixSorted(prefix);
        }
        if (byStart == null) {
            long[] keys = new long[size];
            for (int w = 0; w < size; w++) {
                keys[w] = start(words[w], (char) 0) << 16 | w;
            }
            Arrays.sort(keys);
            byStart = keys;
        }
        long from = start(prefix, (char) 0) << 16;
        long to = start(prefix, Character.MAX_VALUE) << 16 | WORD_NUMBERS;
        int at = Arrays.binarySearch(byStart, from);
        for (int i = at >= 0 ? at : -at - 1; i < byStart.length && byStart[i] <= to; i++) {
            if (words[(int) (byStart[i] & WORD_NUMBERS)].startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** how many word numbers fit the low 16 bits of a {@link #start} key (a field cut at 50,000 chars has fewer) */
    private static final int WORD_NUMBERS = 0xFFFF;

    /**
     * The first three chars of {@code word} (missing ones {@code pad}) as a number; the first char keeps its low 15
     * bits so that the key shifted by 16 stays positive: words whose first chars differ only in the top bit share a
     * run, which the startsWith check sorts out.
     */
    private static long start(String word, char pad) {
        long key = 0;
        for (int i = 0; i < 3; i++) {
            char c = i < word.length() ? word.charAt(i) : pad;
            key = key << 16 | (i == 0 ? c & 0x7FFF : c);
        }
        return key;
    }

    private boolean containsPrefixSorted(String prefix) {
        if (sorted == null) {
            sorted = Arrays.copyOf(words, size);
            Arrays.sort(sorted);
        }
        int at = Arrays.binarySearch(sorted, prefix);
        int next = at >= 0 ? at : -at - 1;
        return next < sorted.length && sorted[next].startsWith(prefix);
    }

    private void add(CharTermAttribute term, int position) {
        char[] buffer = term.buffer();
        int length = term.length();
        String indexed = null;
        for (int i = 0; i < length; i++) {
            if (Character.isSurrogate(buffer[i])) {
                // as the in-memory index stores it: UTF-8 bytes, where a lone surrogate becomes U+FFFD
                indexed = new BytesRef(term).utf8ToString();
                break;
            }
        }
        long fingerprint = indexed == null ? Fingerprint.of(buffer, length) : Fingerprint.of(indexed);
        int slot = (int) fingerprint & mask;
        while (true) {
            long f = slots[slot];
            if (f == 0) {
                break;
            }
            if (f == fingerprint && (indexed == null ? sameChars(words[slotWord[slot]], buffer, length)
                    : words[slotWord[slot]].equals(indexed))) {
                occurs(slotWord[slot], position);
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == words.length) {
            words = Arrays.copyOf(words, size * 2);
            fingerprints = Arrays.copyOf(fingerprints, size * 2);
            firstOccurrence = Arrays.copyOf(firstOccurrence, size * 2);
            lastOccurrence = Arrays.copyOf(lastOccurrence, size * 2);
        }
        int word = size++;
        words[word] = indexed != null ? indexed : new String(buffer, 0, length);
        fingerprints[word] = fingerprint;
        firstOccurrence[word] = -1;
        slots[slot] = fingerprint;
        slotWord[slot] = word;
        occurs(word, position);
        if (size * 2 > slots.length) {
            rehash();
        }
    }

    /** Appends an occurrence to the word's list (positions only grow, so each list is sorted). */
    private void occurs(int word, int position) {
        if (occurrences == occurrencePosition.length) {
            occurrencePosition = Arrays.copyOf(occurrencePosition, occurrences * 2);
            nextOccurrence = Arrays.copyOf(nextOccurrence, occurrences * 2);
        }
        int o = occurrences++;
        occurrencePosition[o] = position;
        nextOccurrence[o] = -1;
        if (firstOccurrence[word] < 0) {
            firstOccurrence[word] = o;
        } else {
            nextOccurrence[lastOccurrence[word]] = o;
        }
        lastOccurrence[word] = o;
    }

    private void rehash() {
        int capacity = slots.length * 2;
        slots = new long[capacity];
        slotWord = new int[capacity];
        mask = capacity - 1;
        for (int w = 0; w < size; w++) {
            int slot = (int) fingerprints[w] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = fingerprints[w];
            slotWord[slot] = w;
        }
    }

    private static boolean sameChars(String word, char[] buffer, int length) {
        if (word.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (word.charAt(i) != buffer[i]) {
                return false;
            }
        }
        return true;
    }
}
