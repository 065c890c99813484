package io.dyad.ingest.story;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MinHash signatures over word shingles, and their LSH bands. Pure and thread-safe.
 *
 * <p>A text becomes its set of word {@value #SHINGLE}-grams (lower-cased, accents kept, punctuation dropped). Each of
 * {@value #HASHES} seeded 64-bit hash functions keeps the minimum over the set; the share of equal positions in two
 * signatures estimates the Jaccard similarity of the two shingle sets (standard error ≈ √(J(1−J)/128), 0.044 at
 * J = 0.5). For lookup, the signature is cut into {@link #BANDS} (42) bands of {@value #ROWS} values; two texts with
 * Jaccard J share at least one band with probability 1 − (1 − J³)⁴², e.g. 0.94 at J = 0.4 and 0.996 at J = 0.5,
 * while texts with J = 0.1 rarely do (0.04; those candidates are then rejected by the full signature).
 */
public final class MinHasher {

    public static final int SHINGLE = 3;
    public static final int HASHES = 128;
    public static final int ROWS = 3;
    public static final int BANDS = HASHES / ROWS;

    private static final long[] SEEDS = new long[HASHES];

    static {
        long s = 0x5DEECE66DL;
        for (int i = 0; i < HASHES; i++) {
            s = mix(s + 0x9E3779B97F4A7C15L);
            SEEDS[i] = s;
        }
    }

    private MinHasher() {
    }

    /** Lower-case words of the text (letters and digits of any script), in order. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String norm = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= norm.length(); i++) {
            boolean wordChar = i < norm.length() && Character.isLetterOrDigit(norm.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                out.add(norm.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    /**
     * The MinHash signature of the text's word shingles, or null when the text has fewer than {@code minWords}
     * words (too short for similarity to mean anything; exact dedup still applies).
     */
    public static int[] signature(String text, int minWords) {
        List<String> words = words(text);
        if (words.size() < Math.max(minWords, SHINGLE)) {
            return null;
        }
        long[] mins = new long[HASHES];
        java.util.Arrays.fill(mins, Long.MAX_VALUE);
        long[] wordHashes = new long[words.size()];
        for (int i = 0; i < wordHashes.length; i++) {
            wordHashes[i] = fnv1a(words.get(i));
        }
        for (int i = 0; i + SHINGLE <= wordHashes.length; i++) {
            long shingle = 0;
            for (int j = 0; j < SHINGLE; j++) {
                shingle = mix(shingle * 31 + wordHashes[i + j]);
            }
            for (int h = 0; h < HASHES; h++) {
                long v = mix(shingle ^ SEEDS[h]);
                if (Long.compareUnsigned(v, mins[h]) < 0) {
                    mins[h] = v;
                }
            }
        }
        int[] sig = new int[HASHES];
        for (int h = 0; h < HASHES; h++) {
            sig[h] = (int) (mins[h] >>> 32);
        }
        return sig;
    }

    /** The signature's LSH band keys: band b's {@value #ROWS} values hashed with b into one 64-bit key. */
    public static long[] bands(int[] signature) {
        long[] keys = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long k = mix(b + 1L);
            for (int r = 0; r < ROWS; r++) {
                k = mix(k ^ (signature[b * ROWS + r] & 0xFFFFFFFFL));
            }
            keys[b] = k;
        }
        return keys;
    }

    /** Estimated Jaccard similarity of the two texts' shingle sets: the share of equal signature positions. */
    public static double similarity(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < HASHES; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) HASHES;
    }

    /** Exact Jaccard similarity of two texts' shingle sets (for tests and threshold studies). */
    public static double jaccard(String a, String b) {
        java.util.Set<String> sa = shingles(a);
        java.util.Set<String> sb = shingles(b);
        java.util.Set<String> union = new java.util.HashSet<>(sa);
        union.addAll(sb);
        sa.retainAll(sb);
        return union.isEmpty() ? 0 : sa.size() / (double) union.size();
    }

    private static java.util.Set<String> shingles(String text) {
        List<String> w = words(text);
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i + SHINGLE <= w.size(); i++) {
            out.add(String.join(" ", w.subList(i, i + SHINGLE)));
        }
        return out;
    }

    public static byte[] toBytes(int[] signature) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(signature.length * 4);
        for (int v : signature) {
            buf.putInt(v);
        }
        return buf.array();
    }

    public static int[] fromBytes(byte[] bytes) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        int[] sig = new int[bytes.length / 4];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = buf.getInt();
        }
        return sig;
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: a cheap, well-mixed 64-bit permutation. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
