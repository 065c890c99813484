package io.dyad.classify.issues;

import java.util.Arrays;

/**
 * Open-addressing table from the 64-bit FNV-1a hash of a feature string ("tariff", "trade deficit") to a row number,
 * so the classifier looks features up while reading the text, without building a string per word and word pair.
 * With 64-bit hashes and fewer than 100k features a collision is astronomically unlikely; {@link #add} refuses one.
 */
final class FeatureIndex {

    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;
    private static final long EMPTY = 0;

    private final long[] keys;
    private final int[] rows;
    private final int mask;

    FeatureIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 3 - 1) << 1;
        keys = new long[capacity];
        rows = new int[capacity];
        mask = capacity - 1;
    }

    static long hash(CharSequence s) {
        long h = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            h = step(h, s.charAt(i));
        }
        return nonEmpty(h);
    }

    static long step(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }

    /** 0 marks an empty slot; the hash 0 is moved to 1. */
    static long nonEmpty(long h) {
        return h == EMPTY ? 1 : h;
    }

    void add(String feature, int row) {
        long key = hash(feature);
        int slot = slot(key);
        if (keys[slot] == key) {
            throw new IllegalStateException("feature hash collision: " + feature);
        }
        keys[slot] = key;
        rows[slot] = row;
    }

    /** The row of the feature with this hash, or -1. */
    int row(long key) {
        int slot = slot(key);
        return keys[slot] == key ? rows[slot] : -1;
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

    /** A reusable set of hashes, emptied in O(1) by a generation stamp: the features already counted in one text. */
    static final class Seen {
        private long[] keys = new long[8192];
        private int[] stamps = new int[8192];
        private int generation;
        private int size;

        void clear() {
            size = 0;
            if (++generation == Integer.MAX_VALUE) {
                generation = 1;
                Arrays.fill(stamps, 0);
            }
        }

        /** True when {@code key} was not yet in the set (it is now). */
        boolean add(long key) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int slot = (int) (mix(key) & mask);
            while (stamps[slot] == generation) {
                if (keys[slot] == key) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            stamps[slot] = generation;
            keys[slot] = key;
            size++;
            return true;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldStamps = stamps;
            int oldGeneration = generation;
            keys = new long[oldKeys.length * 2];
            stamps = new int[oldKeys.length * 2];
            generation = 1;
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldStamps[i] == oldGeneration) {
                    add(oldKeys[i]);
                }
            }
        }
    }
}
