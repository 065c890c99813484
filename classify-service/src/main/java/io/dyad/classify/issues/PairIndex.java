package io.dyad.classify.issues;

import java.util.Arrays;

/**
 * The model's word-pair features ("trade deficit") by the {@link io.dyad.classify.text.Vocabulary} ids of their two
 * words: a pair is looked up from the ids the tokenizer already found, with no hashing of characters. Most word pairs
 * of a text start with a word that starts no feature, and {@link #row} answers those from a flag per id.
 */
final class PairIndex {

    private static final long EMPTY = -1;

    private final long[] keys;
    private final int[] rows;
    private final int mask;
    /** Per id of a first word: true when some pair feature starts with that word. */
    private final boolean[] first;
    /** Per id of a second word: true when some pair feature ends with that word (a second cheap rejection). */
    private final boolean[] second;
    /**
     * One bit per hash of a listed pair (2^19 bits, 64 KB): after the two word flags, most pairs of a text are still
     * no feature, and this small table answers them without probing the large key array. A set bit may be another
     * pair's (then the probe decides); a clear bit means no listed pair.
     */
    private final long[] pairBits = new long[1 << (PAIR_BITS - 6)];
    private static final int PAIR_BITS = 19;

    PairIndex(int expected, int ids) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 3 - 1) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        rows = new int[capacity];
        mask = capacity - 1;
        first = new boolean[ids];
        second = new boolean[ids];
    }

    private static long key(int a, int b) {
        return (long) a << 32 | b;
    }

    void put(int a, int b, int row) {
        long key = key(a, b);
        int slot = slot(key);
        if (keys[slot] == key) {
            throw new IllegalStateException("word pair listed twice: " + a + " " + b);
        }
        keys[slot] = key;
        rows[slot] = row;
        int bit = pairBit(key);
        pairBits[bit >>> 6] |= 1L << bit;
        first[a] = true;
        second[b] = true;
    }

    /** The row of the pair of words with ids {@code a} then {@code b} (both known, i.e. non-negative), or -1. */
    int row(int a, int b) {
        if (a >= first.length || !first[a] || b >= second.length || !second[b]) {
            return -1;
        }
        long key = key(a, b);
        int bit = pairBit(key);
        if ((pairBits[bit >>> 6] & 1L << bit) == 0) {
            return -1;
        }
        int slot = slot(key);
        return keys[slot] == key ? rows[slot] : -1;
    }

    /** The filter's bit of a pair: high bits of the mixed key (the slot takes the low ones). */
    private static int pairBit(long key) {
        return (int) (mix(key) >>> (64 - PAIR_BITS));
    }

    private int slot(long key) {
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        return key ^ key >>> 33;
    }
}
