package io.dyad.alert.email;

import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.delivery.EmailMessage;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.TaggedArticle;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alert as a mail: a plain-text and an HTML part that both say why it came — the matched pairs (or countries) and
 * issues, the evidence sentences, the source, and when the article was published, fetched, classified and this mail
 * delivered — and the RFC 8058 one-click unsubscribe headers. All article text is escaped in the HTML part and only
 * http(s) links are made; the subject is one line.
 */
public final class AlertMail {

    static final int MAX_SUBJECT = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private AlertMail() {
    }

    /** What a mail states besides the alert itself. {@code test}: a sample sent on the owner's request. */
    public record Context(String to, String messageId, String unsubscribeUrl, List<String> matchedCountries,
            Instant deliveredAt, boolean test) {
    }

    public static EmailMessage of(AlertPayload alert, TaggedArticle article, Context context) {
        AlertPayload.ArticleRef a = alert.article();
        List<String> pairs = alert.matched().pairs();
        List<String> issues = alert.matched().issues();
        // a subscription without an issue filter matched on places only: name the article's issues all the same
        String issueLabel = "Issues";
        if (issues.isEmpty() && article != null && article.issues() != null && !article.issues().isEmpty()) {
            issues = article.issues().stream().map(io.dyad.contracts.IssueTag::id).distinct().toList();
            issueLabel = "Issues in the article";
        }
        List<String> countries = context.matchedCountries() == null ? List.of() : context.matchedCountries();
        List<String> evidence = sentences(alert.evidence(), article);
        String source = a.source() == null ? "unknown source" : a.source();
        Map<String, String> times = new LinkedHashMap<>();
        times.put("Published", time(a.publishedAt()));
        times.put("Fetched", time(article == null ? null : article.fetchedAt()));
        times.put("Classified", time(article == null ? null : article.classifiedAt()));
        times.put("Delivered", time(context.deliveredAt()));
        String testNote = "This is a TEST alert, sent because you asked for one (POST /subscriptions/"
                + alert.subscription().id() + "/test). The article is a sample.";
        String footer = "You get this because " + context.to() + " confirmed alerts for the Dyad subscription \""
                + alert.subscription().name() + "\".";

        StringBuilder text = new StringBuilder();
        if (context.test()) {
            text.append(testNote).append("\n\n");
        }
        text.append(a.title()).append('\n').append(a.url()).append("\n\n");
        text.append("Why you get this: it matched your subscription \"").append(alert.subscription().name())
                .append("\"\n");
        if (!pairs.isEmpty()) {
            text.append("  Country pairs: ").append(String.join(", ", pairs)).append('\n');
        } else if (!countries.isEmpty()) {
            text.append("  Countries: ").append(String.join(", ", countries)).append('\n');
        }
        if (!issues.isEmpty()) {
            text.append("  ").append(issueLabel).append(": ").append(String.join(", ", issues)).append('\n');
        }
        if (!evidence.isEmpty()) {
            text.append("  Evidence:\n");
            for (String sentence : evidence) {
                text.append("    \"").append(sentence).append("\"\n");
            }
        }
        text.append("\nSource: ").append(source).append('\n');
        times.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append("\n-- \n").append(footer).append("\nUnsubscribe at once: ").append(context.unsubscribeUrl())
                .append('\n');

        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        if (context.test()) {
            html.append("<p style=\"background:#fff3cd;padding:8px\"><strong>").append(Html.escape(testNote))
                    .append("</strong></p>");
        }
        String href = Html.safeHref(a.url());
        html.append("<h2>").append(href == null ? Html.escape(a.title())
                : "<a href=\"" + href + "\">" + Html.escape(a.title()) + "</a>").append("</h2>");
        html.append("<p>Why you get this: it matched your subscription <strong>")
                .append(Html.escape(alert.subscription().name())).append("</strong></p><ul>");
        if (!pairs.isEmpty()) {
            html.append("<li>Country pairs: ").append(Html.escape(String.join(", ", pairs))).append("</li>");
        } else if (!countries.isEmpty()) {
            html.append("<li>Countries: ").append(Html.escape(String.join(", ", countries))).append("</li>");
        }
        if (!issues.isEmpty()) {
            html.append("<li>").append(issueLabel).append(": ").append(Html.escape(String.join(", ", issues)))
                    .append("</li>");
        }
        html.append("</ul>");
        for (String sentence : evidence) {
            html.append("<blockquote>").append(Html.escape(sentence)).append("</blockquote>");
        }
        html.append("<p>Source: ").append(Html.escape(source)).append("<br>");
        times.forEach((k, v) -> html.append(k).append(": ").append(Html.escape(v)).append("<br>"));
        html.append("</p><hr><p style=\"font-size:small\">").append(Html.escape(footer))
                .append(" <a href=\"").append(Html.escape(context.unsubscribeUrl()))
                .append("\">Unsubscribe</a></p></body></html>");

        String subject = (context.test() ? "[Dyad TEST] " : "[Dyad] ")
                + String.join(", ", pairs.isEmpty() ? countries : pairs) + ": " + a.title();
        return new EmailMessage(context.to(), headerLine(subject, MAX_SUBJECT), text.toString(), html.toString(),
                context.messageId(), unsubscribeHeaders(context.unsubscribeUrl()));
    }

    /** RFC 2369 List-Unsubscribe with the RFC 8058 one-click POST marker (Gmail and Yahoo's bulk-sender rules). */
    public static Map<String, String> unsubscribeHeaders(String unsubscribeUrl) {
        return Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /** One header line: no CR/LF or other controls (no header injection), at most {@code max} characters. */
    public static String headerLine(String raw, int max) {
        String line = raw == null ? "" : raw.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** The evidence as whole sentences, each once. */
    public static List<String> sentences(List<Evidence> evidence, TaggedArticle article) {
        Set<String> out = new LinkedHashSet<>();
        for (Evidence e : evidence) {
            String field = article == null ? null : switch (e.field() == null ? "" : e.field()) {
                case "title" -> article.title();
                case "text" -> article.text();
                case "summary" -> article.summary();
                default -> null;
            };
            String sentence = Sentences.around(field, e.start(), e.end(), e.text());
            if (sentence != null && !sentence.isBlank()) {
                out.add(sentence.replaceAll("\\s+", " ").strip());
            }
        }
        return List.copyOf(out);
    }

    private static String time(Instant at) {
        return at == null ? "unknown" : TIME.format(at);
    }
}
