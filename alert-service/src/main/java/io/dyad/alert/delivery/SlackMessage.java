package io.dyad.alert.delivery;

import io.dyad.contracts.Evidence;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as a Slack incoming-webhook message: Block Kit within Slack's limits (header ≤ 150 characters, section text
 * ≤ 3,000, far fewer than 50 blocks) and a {@code text} fallback for notifications. Every piece of feed text has
 * {@code &}, {@code <} and {@code >} escaped, so an article can never ping {@code <!channel>} or forge a link.
 */
public final class SlackMessage {

    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_FALLBACK = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private SlackMessage() {
    }

    /** The JSON object to POST (serialised by Jackson). */
    public static Map<String, Object> of(AlertPayload alert) {
        AlertPayload.ArticleRef a = alert.article();
        String why = "Pairs: " + joinOrDash(alert.matched().pairs()) + " · Issues: " + joinOrDash(alert.matched().issues());

        StringBuilder section = new StringBuilder();
        section.append('*').append(link(a.url(), a.title())).append("*\n").append(escape(why));
        for (Evidence e : alert.evidence()) {
            String line = "\n> " + escape(e.text().replace('\n', ' '));
            if (section.length() + line.length() > MAX_SECTION) {
                break;
            }
            section.append(line);
        }
        String context = (a.source() == null ? "" : a.source() + " · ") + "published "
                + (a.publishedAt() == null ? "unknown" : TIME.format(a.publishedAt())) + " · subscription "
                + alert.subscription().name();

        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", fit(a.title(), MAX_HEADER))));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(section.toString()))));
        blocks.add(Map.of("type", "context", "elements",
                List.of(Map.of("type", "mrkdwn", "text", fit(context, MAX_SECTION)))));

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", fit(a.title() + " — " + why + " " + a.url(), MAX_FALLBACK));
        message.put("blocks", blocks);
        return message;
    }

    /** {@link #escape} for other classes' plain Slack texts (owner notices). */
    public static String escapeText(String text) {
        return escape(text);
    }

    /** Slack's three control characters as entities; nothing else needs escaping. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** {@code <url|label>} with both parts made safe: the URL cannot close the link or start a second one. */
    static String link(String url, String label) {
        String safeUrl = escape(url).replace("|", "%7C");
        return "<" + safeUrl + "|" + fit(label, MAX_HEADER) + ">";
    }

    /** Escaped text of at most {@code max} characters, cut on the raw text so no entity is split. */
    static String fit(String raw, int max) {
        String text = raw == null ? "" : raw;
        String escaped = escape(text);
        if (escaped.length() <= max) {
            return escaped;
        }
        int keep = Math.min(text.length(), max - 1);
        while (keep > 0 && escape(text.substring(0, keep)).length() > max - 1) {
            keep -= Math.max(1, (escape(text.substring(0, keep)).length() - (max - 1)) / 4);
        }
        return escape(text.substring(0, Math.max(keep, 0))) + "…";
    }

    private static String cut(String alreadyEscaped) {
        // built line by line within the limit; the first two lines are bounded by fit()
        if (alreadyEscaped.length() <= MAX_SECTION) {
            return alreadyEscaped;
        }
        int lineEnd = alreadyEscaped.lastIndexOf('\n', MAX_SECTION - 1);
        return alreadyEscaped.substring(0, lineEnd > 0 ? lineEnd : MAX_SECTION);
    }

    private static String joinOrDash(List<String> values) {
        return values == null || values.isEmpty() ? "–" : String.join(", ", values);
    }
}
