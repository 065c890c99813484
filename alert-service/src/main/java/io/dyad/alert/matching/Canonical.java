package io.dyad.alert.matching;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of each frequent small value of filters: the strings of codes, words and sources, and
 * one-element sets. At a million subscriptions most filters name a pair or a country or an issue that thousands of
 * others name too; each read from the database is a fresh string in a fresh set (~70 bytes a time). Both pools stop
 * growing at {@link #LIMIT} entries (values beyond it are simply not shared), so odd input cannot grow them for ever.
 */
final class Canonical {

    static final int LIMIT = 1 << 18;

    private static final ConcurrentHashMap<String, String> STRINGS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Set<String>> SINGLETONS = new ConcurrentHashMap<>();

    private Canonical() {
    }

    static String string(String value) {
        if (value == null) {
            return null;
        }
        String shared = STRINGS.get(value);
        if (shared != null) {
            return shared;
        }
        if (STRINGS.size() >= LIMIT) {
            return value;
        }
        shared = STRINGS.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    /** An immutable copy of {@code values} made of shared strings; empty and one-element sets shared too. */
    static Set<String> set(Set<String> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        if (values.size() == 1) {
            String only = string(values.iterator().next());
            Set<String> shared = SINGLETONS.get(only);
            if (shared != null) {
                return shared;
            }
            shared = Set.of(only);
            if (SINGLETONS.size() >= LIMIT) {
                return shared;
            }
            Set<String> raced = SINGLETONS.putIfAbsent(only, shared);
            return raced == null ? shared : raced;
        }
        String[] out = new String[values.size()];
        int n = 0;
        for (String v : values) {
            out[n++] = string(v);
        }
        return Set.of(out);
    }
}
