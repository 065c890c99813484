package io.dyad.alert.email;

import io.dyad.alert.delivery.EmailMessage;
import io.dyad.alert.digest.Digest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A digest as ONE mail (never split), plain text and HTML: per issue the window's stories, each with its link, what
 * matched (pairs or countries, issues), the evidence sentences, the source and when it was published; the RFC 8058
 * one-click unsubscribe headers; the Message-ID of the digest delivery (the same on every retry). At most
 * {@link #MAX_STORIES} stories are listed (the strongest), then how many more and the Atom feed that has them all.
 */
public final class DigestMail {

    public static final int MAX_STORIES = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private DigestMail() {
    }

    /** Who gets it and the headers' values. */
    public record Context(String to, String messageId, String unsubscribeUrl, Instant deliveredAt) {
    }

    public static EmailMessage of(Digest full, Context context) {
        Digest d = full.top(MAX_STORIES);
        int more = d.storyCount() - d.listed();
        String intro = Digest.stories(d.storyCount()) + " matched your subscription \"" + d.subscriptionName()
                + "\" in the window of this " + d.label() + ", " + d.windowText() + ".";
        String footer = "You get this because " + context.to() + " confirmed alerts"
                + " for the Dyad subscription \"" + d.subscriptionName() + "\".";

        StringBuilder text = new StringBuilder(intro).append("\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<p>").append(Html.escape(intro)).append("</p>");
        for (Digest.Group g : d.groups()) {
            String heading = g.label() + " (" + Digest.stories(g.stories().size()) + ")";
            text.append("\n== ").append(heading).append(" ==\n");
            html.append("<h2>").append(Html.escape(heading)).append("</h2>");
            for (Digest.Story s : g.stories()) {
                story(s, text, html);
            }
        }
        if (more > 0) {
            String rest = "…and " + Digest.more(more) + " in this window";
            text.append('\n').append(rest).append(d.feedUrl() == null ? "." : ": " + d.feedUrl()).append('\n');
            html.append("<p>").append(Html.escape(rest)).append(d.feedUrl() == null ? "." : ": <a href=\""
                    + Html.escape(d.feedUrl()) + "\">the subscription's Atom feed</a>").append("</p>");
        }
        text.append("\nDelivered: ").append(TIME.format(context.deliveredAt())).append('\n');
        text.append("\n-- \n").append(footer).append("\nUnsubscribe at once: ").append(context.unsubscribeUrl())
                .append('\n');
        html.append("<p style=\"font-size:small\">Delivered: ").append(TIME.format(context.deliveredAt()))
                .append("</p><hr><p style=\"font-size:small\">").append(Html.escape(footer))
                .append(" <a href=\"").append(Html.escape(context.unsubscribeUrl()))
                .append("\">Unsubscribe</a></p></body></html>");

        String subject = "[Dyad digest] " + d.subscriptionName() + ": " + Digest.stories(d.storyCount()) + ", "
                + DAY.format(d.windowEnd().atZone(d.zone()));
        return new EmailMessage(context.to(), AlertMail.headerLine(subject, AlertMail.MAX_SUBJECT), text.toString(),
                html.toString(), context.messageId(), AlertMail.unsubscribeHeaders(context.unsubscribeUrl()));
    }

    private static void story(Digest.Story s, StringBuilder text, StringBuilder html) {
        String why = (s.pairs().isEmpty() ? "Countries: " + Digest.list(s.countries()) : "Country pairs: "
                + Digest.list(s.pairs())) + " · Issues: " + Digest.list(s.issues());
        String source = (s.source() == null ? "unknown source" : s.source()) + " · published "
                + (s.publishedAt() == null ? "unknown" : TIME.format(s.publishedAt()));
        text.append("\n* ").append(s.title()).append('\n').append("  ").append(s.url()).append('\n')
                .append("  Why: ").append(why).append('\n');
        for (String sentence : s.sentences()) {
            text.append("    \"").append(sentence).append("\"\n");
        }
        text.append("  ").append(source).append('\n');

        String href = Html.safeHref(s.url());
        html.append("<h3>").append(href == null ? Html.escape(s.title())
                : "<a href=\"" + href + "\">" + Html.escape(s.title()) + "</a>").append("</h3>");
        html.append("<p>Why: ").append(Html.escape(why)).append("</p>");
        for (String sentence : s.sentences()) {
            html.append("<blockquote>").append(Html.escape(sentence)).append("</blockquote>");
        }
        html.append("<p style=\"color:#555\">").append(Html.escape(source)).append("</p>");
    }
}
