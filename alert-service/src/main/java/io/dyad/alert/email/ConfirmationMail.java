package io.dyad.alert.email;

import io.dyad.alert.delivery.EmailMessage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The double opt-in mail: the only mail an address gets until its owner follows the link in it. */
public final class ConfirmationMail {

    private ConfirmationMail() {
    }

    public static EmailMessage of(String to, String subscriptionName, String confirmUrl, Instant expiresAt,
            String messageId) {
        String until = DateTimeFormatter.ISO_INSTANT.format(expiresAt);
        String intro = "Someone asked Dyad to send news alerts for the subscription \"" + subscriptionName
                + "\" to " + to + ".";
        String ask = "To receive them, confirm this address (the link works once, until " + until + "):";
        String ignore = "If you did not ask for this, ignore this mail: nothing will be sent to you.";
        String text = intro + "\n\n" + ask + "\n" + confirmUrl + "\n\n" + ignore + "\n";
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>" + Html.escape(intro)
                + "</p><p>" + Html.escape(ask) + "</p><p><a href=\"" + Html.escape(confirmUrl)
                + "\">Confirm " + Html.escape(to) + "</a></p><p style=\"font-size:small\">" + Html.escape(ignore)
                + "</p></body></html>";
        return new EmailMessage(to, AlertMail.headerLine("[Dyad] Confirm alerts for \"" + subscriptionName + "\"",
                AlertMail.MAX_SUBJECT), text, html, messageId, Map.of());
    }
}
