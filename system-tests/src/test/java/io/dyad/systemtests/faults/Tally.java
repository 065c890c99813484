package io.dyad.systemtests.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the receivers got, counted against what was expected. Receivers group calls by {@code webhook-id} only to
 * count: {@code delivered} is the set of (subscription, story) that got at least one 2xx answer, {@code
 * idsPerDelivery} tells whether the system ever made two deliveries (two ids) of one story to one subscription, and
 * {@code repeatedSuccesses} counts 2xx answers beyond the first for one id (a send the system repeated).
 */
record Tally(int expected, int rawCalls, int successfulCalls, int failedCalls, int distinctIds,
        Set<String> missing, Set<String> unexpected, Set<String> storiesWithSeveralIds, int repeatedSuccesses) {

    /** {@code expected} holds "subscriptionId|storyId" keys; {@code calls} are the webhook calls to count. */
    static Tally of(Set<String> expected, List<Receiver.Call> calls) {
        Map<String, Set<String>> idsPerDelivery = new HashMap<>();
        Map<String, Integer> successesPerId = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        Set<String> ids = new HashSet<>();
        int successes = 0;
        for (Receiver.Call call : calls) {
            String delivery = call.subscriptionId() + "|" + call.storyId();
            idsPerDelivery.computeIfAbsent(delivery, d -> new HashSet<>()).add(call.key());
            ids.add(call.key());
            if (call.success()) {
                successes++;
                delivered.add(delivery);
                successesPerId.merge(call.key(), 1, Integer::sum);
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(delivered);
        Set<String> unexpected = new TreeSet<>(idsPerDelivery.keySet());
        unexpected.removeAll(expected);
        Set<String> several = new TreeSet<>();
        idsPerDelivery.forEach((delivery, keys) -> {
            if (keys.size() > 1) {
                several.add(delivery);
            }
        });
        int repeated = successesPerId.values().stream().mapToInt(n -> n - 1).sum();
        return new Tally(expected.size(), calls.size(), successes, calls.size() - successes, ids.size(), missing,
                unexpected, several, repeated);
    }

    /** Every expected alert delivered, nothing else, one id per story and subscription. */
    boolean complete() {
        return missing.isEmpty() && unexpected.isEmpty() && storiesWithSeveralIds.isEmpty();
    }

    @Override
    public String toString() {
        return "expected " + expected + ", distinct webhook-ids " + distinctIds + ", raw calls " + rawCalls
                + " (2xx " + successfulCalls + ", failed " + failedCalls + "), repeated 2xx for one id "
                + repeatedSuccesses + ", missing " + missing.size() + ", unexpected " + unexpected.size()
                + ", stories with several ids " + storiesWithSeveralIds.size()
                + (missing.isEmpty() ? "" : ", e.g. missing " + missing.stream().limit(3).toList())
                + (unexpected.isEmpty() ? "" : ", e.g. unexpected " + unexpected.stream().limit(3).toList());
    }
}
