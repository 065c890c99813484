package io.dyad.alert.delivery;

import java.util.Map;

/**
 * One mail to send: a plain-text and an HTML part, a Message-ID we choose (stable across retries of one delivery, so
 * mail clients and servers can drop repeats) and extra header lines such as List-Unsubscribe. {@code to} and
 * {@code subject} must already be single header-safe lines (see {@code AlertMail}).
 */
public record EmailMessage(String to, String subject, String text, String html, String messageId,
        Map<String, String> headers) {

    public EmailMessage {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // addresses are personal data: keep them out of logs
        return "EmailMessage[" + messageId + "]";
    }
}
