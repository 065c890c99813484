package io.dyad.classify.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phrases as sequences of folded tokens, for longest-match scanning. A path step is either an exact token or a
 * prefix ("tariff*" matches "tariffs"); exact steps are tried first.
 */
public final class TokenTrie<V> {

    public static final class Node<V> {
        private final Map<String, Node<V>> exact = new HashMap<>();
        private final List<Map.Entry<String, Node<V>>> prefixes = new ArrayList<>(0);
        /** The prefix steps by their first three characters (every prefix has at least three), so a token is
         * compared only with the few prefixes that can match it: the root of a lexicon holds hundreds. */
        private final Map<String, List<Map.Entry<String, Node<V>>>> prefixesByHead = new HashMap<>(0);
        private final List<V> values = new ArrayList<>(1);

        public List<V> values() {
            return values;
        }

        public Node<V> exact(String token) {
            return exact.get(token);
        }

        /** True when {@code token} leads to a child (exact or prefix). */
        public boolean hasChild(String token) {
            if (exact.containsKey(token)) {
                return true;
            }
            if (prefixes.isEmpty() || token.length() < PREFIX_HEAD) {
                return false;
            }
            List<Map.Entry<String, Node<V>>> candidates = prefixesByHead.get(token.substring(0, PREFIX_HEAD));
            if (candidates != null) {
                for (Map.Entry<String, Node<V>> prefix : candidates) {
                    if (token.startsWith(prefix.getKey())) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Children reached by {@code token}: the exact child first, then matching prefix children. */
        public void children(String token, List<Node<V>> out) {
            Node<V> child = exact.get(token);
            if (child != null) {
                out.add(child);
            }
            if (prefixes.isEmpty() || token.length() < PREFIX_HEAD) {
                return;
            }
            List<Map.Entry<String, Node<V>>> candidates = prefixesByHead.get(token.substring(0, PREFIX_HEAD));
            if (candidates == null) {
                return;
            }
            for (Map.Entry<String, Node<V>> prefix : candidates) {
                if (token.startsWith(prefix.getKey())) {
                    out.add(prefix.getValue());
                }
            }
        }
    }

    private static final int PREFIX_HEAD = 3;

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
                    Map.Entry<String, Node<V>> entry = Map.entry(prefix, next);
                    node.prefixes.add(entry);
                    node.prefixesByHead.computeIfAbsent(prefix.substring(0, PREFIX_HEAD), k -> new ArrayList<>(1))
                            .add(entry);
                }
                node = next;
            } else {
                node = node.exact.computeIfAbsent(step, k -> new Node<>());
            }
        }
        node.values.add(value);
        size++;
    }
}
