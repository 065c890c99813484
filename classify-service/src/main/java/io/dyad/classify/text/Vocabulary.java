package io.dyad.classify.text;

import java.util.Arrays;

/**
 * The folded words the classifier's resources know (gazetteer, lexicon and model words, function words, cue words),
 * each with a small int id and one canonical String. The tokenizer folds a word into a buffer and looks it up here, so
 * a known word costs no new String and carries its id: the gazetteer and lexicon tries, the language profiles and the
 * cue-word checks then index arrays and int maps by id instead of hashing Strings. A word no resource knows gets id
 * -1 and is folded into a new String as before, so every lookup answers as it did with Strings.
 * Written only while resources load (synchronized); reads take no lock and see either the old or the new table.
 */
public final class Vocabulary {

    /** Id of a word no resource knows. */
    public static final int UNKNOWN = -1;

    /**
     * Slot i of the hash table holds a word's hash at 2i and its id + 1 at 2i + 1 (0: empty), and the words' letters
     * lie one after another in {@code pool}: a lookup reads one slot and one run of the pool, not a String object.
     */
    private static final class Table {
        final int[] slots;
        final String[] words;
        final char[] pool;
        final int[] offsets; // word id's letters are pool[offsets[id], offsets[id + 1])
        /**
         * The short words again (1 to {@link #SHORT_MAX} characters of a-z and 0-9), each packed with its id into one
         * long (see {@link #packed}): the tokenizer's commonest lookups read one slot, and no letters from the pool.
         */
        final long[] shortSlots;

        Table(int capacity, String[] words, char[] pool, int[] offsets) {
            this.slots = new int[capacity * 2];
            this.shortSlots = new long[capacity]; // as many slots as int slots: a load of at most a half
            this.words = words;
            this.pool = pool;
            this.offsets = offsets;
        }
    }

    private static volatile Table table = new Table(1 << 17, new String[1 << 16], new char[1 << 19], new int[(1 << 16) + 1]);
    private static volatile int size;

    private Vocabulary() {
    }

    /** Registers a folded word; answers its id. */
    public static synchronized int intern(String word) {
        int known = id(word);
        if (known != UNKNOWN) {
            return known;
        }
        Table t = table;
        int used = t.offsets[size];
        if (size + 1 == t.words.length || used + word.length() > t.pool.length) {
            // a new table, published whole: readers keep using the old one until then
            Table grown = new Table(t.slots.length, Arrays.copyOf(t.words, t.words.length * 2),
                    Arrays.copyOf(t.pool, Math.max(t.pool.length * 2, used + word.length())),
                    Arrays.copyOf(t.offsets, t.offsets.length * 2));
            for (int id = 0; id < size; id++) {
                insert(grown, grown.words[id].hashCode(), id);
                insertShort(grown, grown.words[id], id);
            }
            table = grown;
            t = grown;
        }
        int id = size;
        word.getChars(0, word.length(), t.pool, used);
        t.offsets[id + 1] = used + word.length();
        t.words[id] = word;
        insertShort(t, word, id);
        insert(t, word.hashCode(), id); // the slot is written last: a reader that finds it finds the word
        size = id + 1;
        return id;
    }

    private static void insert(Table t, int hash, int id) {
        int mask = (t.slots.length >> 1) - 1;
        int slot = mix(hash) & mask;
        while (t.slots[2 * slot + 1] != 0) {
            slot = (slot + 1) & mask;
        }
        t.slots[2 * slot] = hash;
        t.slots[2 * slot + 1] = id + 1;
    }

    /** Longest word kept in the short table: 7 characters of 6 bits, and the id in the 22 bits above them. */
    static final int SHORT_MAX = 7;
    private static final int SHORT_BITS = 6 * SHORT_MAX;
    private static final long SHORT_MASK = (1L << SHORT_BITS) - 1;

    /** 1-26 for a-z, 27-36 for 0-9, 0 for any other character (no short word holds it). */
    static int shortCode(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 1;
        }
        return c >= '0' && c <= '9' ? c - '0' + 27 : 0;
    }

    /** The characters of a short word, 6 bits each (none is 0, so the length is part of the number); -1 otherwise. */
    private static long packed(String word) {
        if (word.isEmpty() || word.length() > SHORT_MAX) {
            return -1;
        }
        long packed = 0;
        for (int i = 0; i < word.length(); i++) {
            int code = shortCode(word.charAt(i));
            if (code == 0) {
                return -1;
            }
            packed = packed << 6 | code;
        }
        return packed;
    }

    private static void insertShort(Table t, String word, int id) {
        long packed = packed(word);
        if (packed < 0) {
            return;
        }
        if (id + 1 >= 1 << (64 - SHORT_BITS - 1)) {
            throw new IllegalStateException("more words than the short table's id field holds: " + id);
        }
        int mask = t.shortSlots.length - 1;
        int slot = shortSlot(packed, mask);
        while (t.shortSlots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        t.shortSlots[slot] = (long) (id + 1) << SHORT_BITS | packed;
    }

    private static int shortSlot(long packed, int mask) {
        long h = packed * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    /**
     * The id of the short word whose characters the tokenizer packed ({@code packed}: 1 to SHORT_MAX characters of
     * a-z and 0-9, 6 bits each, as {@link #shortCode} numbers them), or {@link #UNKNOWN}; the same answer as
     * {@link #id(char[], int, int)} gives for those characters.
     */
    static int shortId(long packed) {
        long[] slots = table.shortSlots;
        int mask = slots.length - 1;
        for (int slot = shortSlot(packed, mask); slots[slot] != 0; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if ((entry & SHORT_MASK) == packed) {
                return (int) (entry >>> SHORT_BITS) - 1;
            }
        }
        return UNKNOWN;
    }

    /**
     * What a tokenizer stores for a word it did not find: a negative stamp of the vocabulary's size, so that a token
     * cut before some resource was loaded is looked up again ({@link #resolve}) rather than taken as unknown.
     */
    static int unknownStamp() {
        return -size - 1;
    }

    /** The id of a token's word from what the tokenizer stored ({@code stored}: an id, or an unknown stamp). */
    static int resolve(int stored, String folded) {
        if (stored >= 0) {
            return stored;
        }
        return -stored - 1 == size ? UNKNOWN : id(folded);
    }

    /** How many words have an id (ids are 0 to size - 1). */
    public static int size() {
        return size;
    }

    /** The canonical String of a known word's id. */
    public static String word(int id) {
        return table.words[id];
    }

    /** The id of a folded word, or {@link #UNKNOWN}. */
    public static int id(String word) {
        Table t = table;
        int hash = word.hashCode();
        int mask = (t.slots.length >> 1) - 1;
        for (int slot = mix(hash) & mask; t.slots[2 * slot + 1] != 0; slot = (slot + 1) & mask) {
            int id = t.slots[2 * slot + 1] - 1;
            if (t.slots[2 * slot] == hash && word.equals(t.words[id])) {
                return id;
            }
        }
        return UNKNOWN;
    }

    /** The id of the word spelled by {@code chars[0, length)}, whose {@link String#hashCode()} is {@code hash}. */
    static int id(char[] chars, int length, int hash) {
        Table t = table;
        int mask = (t.slots.length >> 1) - 1;
        for (int slot = mix(hash) & mask; t.slots[2 * slot + 1] != 0; slot = (slot + 1) & mask) {
            if (t.slots[2 * slot] == hash) {
                int id = t.slots[2 * slot + 1] - 1;
                int from = t.offsets[id];
                if (t.offsets[id + 1] - from == length && samePrefix(t.pool, from, chars, length)) {
                    return id;
                }
            }
        }
        return UNKNOWN;
    }

    /**
     * {@code pool[from, from + length)} equals {@code chars[0, length)}. A plain loop: words are a few letters long,
     * where the vectorised Arrays.equals showed as 7% of the classifier's CPU samples (session 6 profile).
     */
    private static boolean samePrefix(char[] pool, int from, char[] chars, int length) {
        for (int k = 0; k < length; k++) {
            if (pool[from + k] != chars[k]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
