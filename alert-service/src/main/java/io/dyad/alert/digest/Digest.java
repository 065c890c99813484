package io.dyad.alert.digest;

import io.dyad.contracts.Evidence;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One digest: the stories a subscription matched in one window, each once, grouped by issue (a story sits under its
 * strongest matched issue, and names all of them), and each with why it matched. Channels render it as ONE message;
 * those with size limits list the {@link #top} stories and say how many more there are.
 */
public record Digest(String id, String subscriptionId, String subscriptionName, Frequency frequency, ZoneId zone,
        Instant windowStart, Instant windowEnd, String feedUrl, int storyCount, List<Group> groups) {

    /** The group of stories with no issue at all. */
    public static final String OTHER = "other";

    /** Stories whose strongest matched issue is {@code issue}, strongest first. */
    public record Group(String issue, List<Story> stories) {

        /** The heading: "Drug trafficking", "Other". */
        public String label() {
            if (issue == null || OTHER.equals(issue)) {
                return "Other";
            }
            String words = issue.replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }

    /**
     * A story: its first matched article, what matched (pairs, countries, issues), the evidence spans and their whole
     * sentences, the source and times, and a score (the strongest matched tag) that ranks it for the top-N lists.
     */
    public record Story(String articleId, String storyId, String title, String url, String source,
            Instant publishedAt, Instant matchedAt, List<String> pairs, List<String> countries, List<String> issues,
            List<Evidence> evidence, List<String> sentences, double score) {
    }

    /** Strongest first, then newest. */
    public static final Comparator<Story> RANK = Comparator.comparingDouble(Story::score).reversed()
            .thenComparing(Story::matchedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Story::storyId);

    private static final java.time.format.DateTimeFormatter LOCAL = java.time.format.DateTimeFormatter
            .ofPattern("EEE d MMM yyyy HH:mm", java.util.Locale.ENGLISH);

    /** The window in the subscriber's zone, e.g. "Fri 27 Nov 2026 08:00 – Sat 28 Nov 2026 08:00 (Europe/Madrid)". */
    public String windowText() {
        return LOCAL.format(windowStart.atZone(zone)) + " – " + LOCAL.format(windowEnd.atZone(zone)) + " ("
                + zone.getId() + ")";
    }

    /** "daily digest", …; "final digest" for the last window of a subscription switched to immediate. */
    public String label() {
        return frequency.isDigest() ? frequency.id() + " digest" : "final digest";
    }

    /** "MX-US, CA-US"; a dash for none. */
    public static String list(List<String> values) {
        return values == null || values.isEmpty() ? "–" : String.join(", ", values);
    }

    /** "1 story" / "12 stories". */
    public static String stories(int n) {
        return n + (n == 1 ? " story" : " stories");
    }

    /** "1 more story" / "6 more stories". */
    public static String more(int n) {
        return n + (n == 1 ? " more story" : " more stories");
    }

    /** Every story, ranked. */
    public List<Story> ranked() {
        return groups.stream().flatMap(g -> g.stories().stream()).sorted(RANK).toList();
    }

    /** The same digest with only its {@code n} strongest stories (regrouped); {@link #storyCount} stays the total. */
    public Digest top(int n) {
        List<Story> kept = ranked().subList(0, Math.min(n, storyCount));
        return new Digest(id, subscriptionId, subscriptionName, frequency, zone, windowStart, windowEnd, feedUrl,
                storyCount, group(kept, keptGroupOf()));
    }

    /** How many stories a {@link #top} list leaves out. */
    public int listed() {
        return groups.stream().mapToInt(g -> g.stories().size()).sum();
    }

    private Map<String, String> keptGroupOf() {
        Map<String, String> of = new LinkedHashMap<>();
        for (Group g : groups) {
            for (Story s : g.stories()) {
                of.put(s.storyId(), g.issue());
            }
        }
        return of;
    }

    /** Groups by issue: bigger groups first (then by issue id, "other" last), stories ranked within each. */
    static List<Group> group(List<Story> stories, Map<String, String> issueOf) {
        Map<String, List<Story>> byIssue = new LinkedHashMap<>();
        for (Story s : stories) {
            byIssue.computeIfAbsent(issueOf.get(s.storyId()), k -> new ArrayList<>()).add(s);
        }
        List<Group> out = new ArrayList<>();
        byIssue.forEach((issue, list) -> out.add(new Group(issue, list.stream().sorted(RANK).toList())));
        out.sort(Comparator.comparing((Group g) -> OTHER.equals(g.issue()))
                .thenComparing(g -> -g.stories().size()).thenComparing(Group::issue));
        return List.copyOf(out);
    }
}
