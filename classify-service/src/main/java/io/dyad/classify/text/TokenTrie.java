package io.dyad.classify.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phrases as sequences of folded tokens, for longest-match scanning. A path step is either an exact token or a
 * prefix ("tariff*" matches "tariffs"); exact steps are tried first. Exact steps are kept by the word's
 * {@link Vocabulary} id, so a scan looks a token up by its id (a token no resource knows has no exact child).
 */
public final class TokenTrie<V> {

    public static final class Node<V> {
        private final IntMap<Node<V>> exact = new IntMap<>();
        private final List<Map.Entry<String, Node<V>>> prefixes = new ArrayList<>(0);
        /** The prefix steps by their first three characters (every prefix has at least three), so a token is
         * compared only with the few prefixes that can match it: the root of a lexicon holds hundreds. */
        private final Map<Long, List<Map.Entry<String, Node<V>>>> prefixesByHead = new HashMap<>(0);
        private final List<V> values = new ArrayList<>(1);
        /** One bit per hash of a prefix step's first three characters: most tokens are answered without the map. */
        private long[] headFilter; // allocated with the first prefix step

        private List<Map.Entry<String, Node<V>>> prefixCandidates(String folded) {
            if (prefixes.isEmpty() || folded.length() < PREFIX_HEAD) {
                return null;
            }
            int bit = headBit(folded);
            if ((headFilter[bit >>> 6] & 1L << bit) == 0) {
                return null;
            }
            return prefixesByHead.get(head(folded));
        }

        public List<V> values() {
            return values;
        }

        /** The exact child of a folded word, or null. */
        public Node<V> exact(String token) {
            return exact(Vocabulary.id(token));
        }

        /** The exact child of a word id, or null. */
        public Node<V> exact(int id) {
            if (id < 0) {
                return null;
            }
            long[] bits = exactBits;
            if (bits != null && (id >>> 6 >= bits.length || (bits[id >>> 6] & 1L << id) == 0)) {
                return null; // most words start no phrase: answered from a small bit set, not the large map
            }
            return exact.get(id);
        }

        /** Nodes with many exact children (a root) also keep one bit per child's word id. */
        private static final int BITS_FROM = 64;
        private long[] exactBits;

        private void putExact(int id, Node<V> child) {
            exact.put(id, child);
            childOfWord = null;
            if (exact.size() == BITS_FROM) {
                exactBits = new long[0];
                exact.forEachKey(this::setBit);
            } else if (exactBits != null) {
                setBit(id);
            }
        }

        private void setBit(int id) {
            if (id >>> 6 >= exactBits.length) {
                exactBits = java.util.Arrays.copyOf(exactBits, Math.max((id >>> 6) + 1, exactBits.length * 2));
            }
            exactBits[id >>> 6] |= 1L << id;
        }

        /**
         * Per Vocabulary id, what {@link #hasChild} answered for that word: 0 not asked yet, 1 yes, 2 no. The answer
         * depends on the word alone, so a known word is looked up once (exact map and prefix steps) and then answered
         * by one array read. Filled lazily by any thread (a lost write is computed again), dropped when a child is
         * added.
         */
        private volatile byte[] childOfWord;

        /** True when {@code token} leads to a child (exact or prefix). */
        public boolean hasChild(Token token) {
            int id = token.id();
            if (id < 0) {
                return computeHasChild(token.folded(), id);
            }
            byte[] cache = childOfWord;
            if (cache == null || id >= cache.length) {
                childOfWord = cache = covering(cache, id);
            }
            byte known = cache[id];
            if (known == 0) {
                known = computeHasChild(token.folded(), id) ? (byte) 1 : (byte) 2;
                cache[id] = known;
            }
            return known == 1;
        }

        private boolean computeHasChild(String folded, int id) {
            return exact(id) != null || anyPrefixMatches(folded);
        }

        private boolean anyPrefixMatches(String folded) {
            List<Map.Entry<String, Node<V>>> candidates = prefixCandidates(folded);
            if (candidates != null) {
                for (Map.Entry<String, Node<V>> prefix : candidates) {
                    if (folded.startsWith(prefix.getKey())) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A per-word-id cache long enough for {@code id} (and for every word known now), keeping what it held. */
        private static byte[] covering(byte[] cache, int id) {
            byte[] grown = new byte[Math.max(Vocabulary.size(), id + 1)];
            if (cache != null) {
                System.arraycopy(cache, 0, grown, 0, cache.length);
            }
            return grown;
        }

        /**
         * Per Vocabulary id, whether some prefix step matches the word: 0 not asked yet, 1 yes, 2 no. Filled and
         * dropped like {@link #childOfWord}; it spares a known word the boxed head key, the map and the comparisons.
         */
        private volatile byte[] prefixOfWord;

        private boolean mayMatchPrefix(int id, String folded) {
            if (prefixes.isEmpty()) {
                return false;
            }
            if (id < 0) {
                return true;
            }
            byte[] cache = prefixOfWord;
            if (cache == null || id >= cache.length) {
                prefixOfWord = cache = covering(cache, id);
            }
            byte known = cache[id];
            if (known == 0) {
                known = anyPrefixMatches(folded) ? (byte) 1 : (byte) 2;
                cache[id] = known;
            }
            return known == 1;
        }

        /** Children reached by {@code token}: the exact child first, then matching prefix children. */
        public void children(Token token, List<Node<V>> out) {
            int id = token.id();
            Node<V> child = exact(id);
            if (child != null) {
                out.add(child);
            }
            String folded = token.folded();
            if (!mayMatchPrefix(id, folded)) {
                return;
            }
            List<Map.Entry<String, Node<V>>> candidates = prefixCandidates(folded);
            if (candidates == null) {
                return;
            }
            for (Map.Entry<String, Node<V>> prefix : candidates) {
                if (folded.startsWith(prefix.getKey())) {
                    out.add(prefix.getValue());
                }
            }
        }
    }

    /** Open-addressing map from non-negative int keys to values (no boxing, one array probe per lookup). */
    static final class IntMap<T> {
        private int[] keys = new int[2]; // key + 1, 0 = empty
        private Object[] values = new Object[2];
        private int size;

        @SuppressWarnings("unchecked")
        T get(int key) {
            int mask = keys.length - 1;
            int stored = key + 1;
            for (int slot = mix(key) & mask; keys[slot] != 0; slot = (slot + 1) & mask) {
                if (keys[slot] == stored) {
                    return (T) values[slot];
                }
            }
            return null;
        }

        int size() {
            return size;
        }

        void forEachKey(java.util.function.IntConsumer action) {
            for (int k : keys) {
                if (k != 0) {
                    action.accept(k - 1);
                }
            }
        }

        @SuppressWarnings("unchecked")
        void put(int key, T value) {
            if ((size + 1) * 2 > keys.length) {
                int[] oldKeys = keys;
                Object[] oldValues = values;
                keys = new int[oldKeys.length * 2];
                values = new Object[oldKeys.length * 2];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != 0) {
                        put(oldKeys[i] - 1, (T) oldValues[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (keys[slot] != 0 && keys[slot] != key + 1) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == 0) {
                size++;
            }
            keys[slot] = key + 1;
            values[slot] = value;
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    private static final int PREFIX_HEAD = 3;

    /** The first three characters of a word as one number (a map key that costs no substring per token). */
    static Long head(String word) {
        return ((long) word.charAt(0) << 32) | ((long) word.charAt(1) << 16) | word.charAt(2);
    }

    private static int headBit(String word) {
        return (word.charAt(0) * 961 + word.charAt(1) * 31 + word.charAt(2)) & 4095;
    }

    private final Node<V> root = new Node<>();
    private int size;

    public Node<V> root() {
        return root;
    }

    public int size() {
        return size;
    }

    /**
     * Adds {@code value} under the folded {@code steps}; a step ending in '*' (at least 3 characters before it) is a
     * prefix step.
     */
    public void add(List<String> steps, V value) {
        Node<V> node = root;
        for (String step : steps) {
            if (step.length() > 3 && step.endsWith("*")) {
                String prefix = step.substring(0, step.length() - 1);
                Node<V> next = null;
                for (Map.Entry<String, Node<V>> entry : node.prefixes) {
                    if (entry.getKey().equals(prefix)) {
                        next = entry.getValue();
                    }
                }
                if (next == null) {
                    next = new Node<>();
                    node.childOfWord = null;
                    node.prefixOfWord = null;
                    Map.Entry<String, Node<V>> entry = Map.entry(prefix, next);
                    node.prefixes.add(entry);
                    node.prefixesByHead.computeIfAbsent(head(prefix), k -> new ArrayList<>(1)).add(entry);
                    int bit = headBit(prefix);
                    node.headFilter = node.headFilter == null ? new long[64] : node.headFilter;
                    node.headFilter[bit >>> 6] |= 1L << bit;
                }
                node = next;
            } else {
                int id = Vocabulary.intern(step);
                Node<V> next = node.exact.get(id);
                if (next == null) {
                    next = new Node<>();
                    node.putExact(id, next);
                }
                node = next;
            }
        }
        node.values.add(value);
        size++;
    }
}
