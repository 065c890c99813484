package io.dyad.classify.issues;

/**
 * Open-addressing table from the 64-bit FNV-1a hash of a feature string ("tariff", "trade deficit") to a row number,
 * so the classifier looks features up while reading the text, without building a string per word and word pair.
 * With 64-bit hashes and fewer than 100k features a collision is astronomically unlikely; {@link #add} refuses one.
 */
final class FeatureIndex {

    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;
    private static final long EMPTY = 0;

    /** Slot i holds a key at 2i and its row at 2i + 1: a lookup touches one cache line, not two arrays. */
    private final long[] slots;
    private final int mask;
    /**
     * One bit per hash bucket of the known features, 64 KB: most words and word pairs of a text are not features,
     * and this answers them from the cache without touching the (megabytes large) table.
     */
    private final long[] filter = new long[1 << 13];

    FeatureIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 3 - 1) << 1;
        slots = new long[capacity * 2];
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
        if (slots[2 * slot] == key) {
            throw new IllegalStateException("feature hash collision: " + feature);
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = row;
        int bit = filterBit(key);
        filter[bit >>> 6] |= 1L << bit;
    }

    /** The row of the feature with this hash, or -1. */
    int row(long key) {
        int bit = filterBit(key);
        if ((filter[bit >>> 6] & 1L << bit) == 0) {
            return -1;
        }
        int slot = slot(key);
        return slots[2 * slot] == key ? (int) slots[2 * slot + 1] : -1;
    }

    private int slot(long key) {
        int slot = (int) (mix(key) & mask);
        while (slots[2 * slot] != EMPTY && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** A bit of the filter from the key's high bits (the table's slot comes from the low bits of the mix). */
    private int filterBit(long key) {
        return (int) (key >>> 45) & ((filter.length << 6) - 1);
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        return key ^ key >>> 33;
    }
}
