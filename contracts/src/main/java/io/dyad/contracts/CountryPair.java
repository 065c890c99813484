package io.dyad.contracts;

import java.util.Locale;
import java.util.Set;

/** A pair of ISO 3166-1 alpha-2 codes in the canonical sorted form "MX-US"; input order is free. */
public record CountryPair(String first, String second) {

    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

    public CountryPair {
        if (first.compareTo(second) > 0) {
            String swap = first;
            first = second;
            second = swap;
        }
    }

    /** Parses "US-MX", "mx-us" or "MX–US"; throws {@link IllegalArgumentException} saying what is wrong. */
    public static CountryPair parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a pair is required, e.g. \"MX-US\"");
        }
        String[] parts = text.trim().split("\\s*[-–—/]\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("pair \"" + text + "\" must be two ISO 3166-1 alpha-2 codes joined by '-', e.g. \"MX-US\"");
        }
        String a = requireCountryCode(parts[0]);
        String b = requireCountryCode(parts[1]);
        if (a.equals(b)) {
            throw new IllegalArgumentException("pair \"" + text + "\" names the same country twice");
        }
        return new CountryPair(a, b);
    }

    public static CountryPair of(String a, String b) {
        return new CountryPair(a, b);
    }

    /** Upper-cases {@code code} and checks it is an assigned ISO 3166-1 alpha-2 code. */
    public static String requireCountryCode(String code) {
        String upper = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!isCountryCode(upper)) {
            throw new IllegalArgumentException("\"" + code + "\" is not an ISO 3166-1 alpha-2 country code");
        }
        return upper;
    }

    public static boolean isCountryCode(String code) {
        return code != null && ISO_CODES.contains(code);
    }

    public boolean contains(String code) {
        return first.equals(code) || second.equals(code);
    }

    @Override
    public String toString() {
        return first + "-" + second;
    }
}
