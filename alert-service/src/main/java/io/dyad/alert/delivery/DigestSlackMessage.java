package io.dyad.alert.delivery;

import io.dyad.alert.digest.Digest;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A digest as ONE Slack message, never split: a header, a line with the window, then per issue a heading and one
 * section per story (linked title, pairs and issues, the evidence sentence, source and time). Within Slack's limits:
 * at most {@link #MAX_STORIES} stories (the strongest) so the blocks stay ≤ 50 (1 + 1 + 20 headings + 20 stories + 1),
 * header ≤ 150 characters, each section ≤ 3,000; when the window had more, a last section says how many more and links
 * the subscription's Atom feed. Feed text is escaped as in {@link SlackMessage}.
 */
public final class DigestSlackMessage {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_STORIES = 20;
    static final int MAX_SENTENCE = 300;
    static final int MAX_URL = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private DigestSlackMessage() {
    }

    public static Map<String, Object> of(Digest full) {
        Digest d = full.top(MAX_STORIES);
        List<Map<String, Object>> blocks = new ArrayList<>();
        String title = "Dyad digest: " + d.subscriptionName() + " — " + Digest.stories(d.storyCount());
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text",
                "text", SlackMessage.fit(title, SlackMessage.MAX_HEADER))));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                SlackMessage.fit(d.label() + " · " + d.windowText(), SlackMessage.MAX_SECTION)))));
        for (Digest.Group g : d.groups()) {
            blocks.add(section("*" + SlackMessage.fit(g.label(), 100) + "* · "
                    + Digest.stories(g.stories().size())));
            for (Digest.Story s : g.stories()) {
                blocks.add(section(story(s)));
            }
        }
        int more = d.storyCount() - d.listed();
        if (more > 0) {
            String feed = d.feedUrl() == null ? "" : " — all of them in " + SlackMessage.link(d.feedUrl(),
                    "the subscription's Atom feed");
            blocks.add(section("…and " + Digest.more(more) + " in this window" + feed + "."));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", SlackMessage.fit(title + " (" + d.windowText() + ")", SlackMessage.MAX_FALLBACK));
        message.put("blocks", blocks);
        return message;
    }

    private static String story(Digest.Story s) {
        StringBuilder text = new StringBuilder();
        // a link longer than a section could hold is left out (the title alone), so the section stays within limits
        boolean linkable = s.url() != null && SlackMessage.escape(s.url()).length() <= MAX_URL;
        text.append('*').append(linkable ? SlackMessage.link(s.url(), s.title())
                : SlackMessage.fit(s.title(), SlackMessage.MAX_HEADER)).append("*\n");
        text.append(SlackMessage.fit((s.pairs().isEmpty() ? "Countries: " + Digest.list(s.countries())
                : "Pairs: " + Digest.list(s.pairs())) + " · Issues: " + Digest.list(s.issues()), 200));
        if (!s.sentences().isEmpty()) {
            text.append("\n> ").append(SlackMessage.fit(s.sentences().get(0), MAX_SENTENCE));
        }
        text.append("\n_").append(SlackMessage.fit((s.source() == null ? "unknown source" : s.source())
                + " · published " + (s.publishedAt() == null ? "unknown" : TIME.format(s.publishedAt())), 300))
                .append('_');
        return text.toString(); // ≤ 2,000 (link) + 150 + 2 × 100 (tags) + 300 (sentence) + 300 (source): < 3,000
    }

    private static Map<String, Object> section(String mrkdwn) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn));
    }
}
