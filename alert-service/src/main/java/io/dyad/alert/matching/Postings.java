package io.dyad.alert.matching;

import java.util.Arrays;
import java.util.Map;

/**
 * Immutable int key → sorted int[] of subscription ordinals, open addressing over two arrays: no boxed keys, no map
 * entries (a {@code HashMap<String, int[]>} of 443,000 keys took ~60 MB more).
 */
final class Postings {

    private static final int[] NONE = new int[0];
    private static final int FREE = -1;

    private final int[] keys;
    private final int[][] values;
    private final int mask;
    private final int size;

    Postings(Map<Integer, SubscriptionIndex.IntList> lists) {
        int capacity = Integer.highestOneBit(Math.max(4, lists.size() * 2 - 1)) << 1;
        keys = new int[capacity];
        Arrays.fill(keys, FREE);
        values = new int[capacity][];
        mask = capacity - 1;
        size = lists.size();
        for (Map.Entry<Integer, SubscriptionIndex.IntList> e : lists.entrySet()) {
            int key = e.getKey();
            int slot = slot(key);
            while (keys[slot] != FREE) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = e.getValue().toArray();
        }
    }

    /** The ordinals filed under {@code key} (keys are ≥ 0), empty when none. */
    int[] get(int key) {
        int slot = slot(key);
        while (true) {
            int k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == FREE) {
                return NONE;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private int slot(int key) {
        // spread the bits: keys are place * 32 + issue, so low bits alone would cluster
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
