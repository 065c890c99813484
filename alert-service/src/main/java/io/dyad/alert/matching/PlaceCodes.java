package io.dyad.alert.matching;

/**
 * Countries, pairs and issues as small ints, so the index compares numbers instead of strings. A country code
 * {@code "MX"} is {@code 0…675} (two letters A–Z); a pair {@code "MX-US"} is {@code PAIR_BASE + first * 676 + second}
 * in the order written (pairs are compared as written, like the strings they stand for); an issue is its position in
 * {@link IssueIds#ALL}. Anything else is -1: such a subscription is checked the slow way (see
 * {@link SubscriptionIndex}).
 */
final class PlaceCodes {

    static final int LETTERS = 26;
    static final int COUNTRIES = LETTERS * LETTERS;
    static final int PAIR_BASE = COUNTRIES;
    /** the "place" of a subscription with issues but no pairs or countries */
    static final int NO_PLACE = PAIR_BASE + COUNTRIES * COUNTRIES;
    static final int ISSUES = IssueIds.ALL.size();
    /** a key is place * KEY_STRIDE + (issue + 1), or + 0 for "any issue" */
    static final int KEY_STRIDE = 32;

    private PlaceCodes() {
    }

    static int country(String code) {
        if (code == null || code.length() != 2) {
            return -1;
        }
        int a = code.charAt(0) - 'A';
        int b = code.charAt(1) - 'A';
        return a < 0 || a >= LETTERS || b < 0 || b >= LETTERS ? -1 : a * LETTERS + b;
    }

    static int pair(String pair) {
        if (pair == null || pair.length() != 5 || pair.charAt(2) != '-') {
            return -1;
        }
        int a = country(pair.substring(0, 2));
        int b = country(pair.substring(3));
        return a < 0 || b < 0 ? -1 : PAIR_BASE + a * COUNTRIES + b;
    }

    static int issue(String id) {
        return id == null ? -1 : IssueIds.ALL.indexOf(id);
    }

    static int key(int place, int issue) {
        return place * KEY_STRIDE + issue + 1;
    }

    static int key(int place) {
        return place * KEY_STRIDE;
    }
}
