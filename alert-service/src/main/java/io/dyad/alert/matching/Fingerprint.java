package io.dyad.alert.matching;

/**
 * A 64-bit fingerprint of a word (FNV-1a over its chars, then murmur3's final mix), never 0, which marks a free slot
 * in the tables that hold them. Equal words have equal fingerprints; two different words share one with a
 * probability of about 2^-64 per pair, and every table that uses them either compares the words on a hit or only
 * uses them to skip work whose exact check follows.
 */
final class Fingerprint {

    static final long SEED = 0xCBF29CE484222325L;

    private Fingerprint() {
    }

    static long of(String word) {
        return of(word, word.length());
    }

    /** The fingerprint of the first {@code length} chars of {@code word}. */
    static long of(String word, int length) {
        long h = SEED;
        for (int i = 0; i < length; i++) {
            h = step(h, word.charAt(i));
        }
        return finish(h);
    }

    static long of(char[] chars, int length) {
        long h = SEED;
        for (int i = 0; i < length; i++) {
            h = step(h, chars[i]);
        }
        return finish(h);
    }

    static long step(long h, char c) {
        return (h ^ c) * 0x100000001B3L;
    }

    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
