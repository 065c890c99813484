package io.dyad.alert.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Sends one {@link EmailMessage} over SMTP with Quarkus Mailer and reads the server's answer: accepted → delivered; a
 * permanent refusal (5xx) of the mail → {@link DeliveryOutcome.ChannelGone}, so the address is suppressed; a transient
 * one (4xx), a lost connection or no answer within the deadline → retried on the schedule. A 5xx about our own login
 * (530/534/535/538) is an operator's problem, not the recipient's, so it is retried rather than suppressing addresses.
 * Within the deadline a send that got no answer at all is tried once more on a new connection. A reply that does not
 * start with a status code is no refusal: Vert.x reports it as 500, and it has been seen as a garbled greeting
 * ("…eenMail SMTP Service ready"), also on a new connection, so the send is tried once more at once and, failing
 * that, retried on the schedule instead of suppressing the address.
 */
public class EmailSender {

    /** SMTP replies about authentication: the sender's configuration, not the recipient's address. */
    static final Set<Integer> AUTH_REPLIES = Set.of(530, 534, 535, 538);

    private final ReactiveMailer mailer;
    private final Duration timeout;

    public EmailSender(ReactiveMailer mailer, Duration timeout) {
        this.mailer = mailer;
        this.timeout = timeout;
    }

    public DeliveryOutcome send(EmailMessage message) {
        Mail mail = Mail.withText(message.to(), message.subject(), message.text()).setHtml(message.html());
        mail.addHeader("Message-ID", message.messageId());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            mail.addHeader(header.getKey(), header.getValue());
        }
        // A conversation can stall with nothing said (a new pooled connection whose 220 greeting never reached the
        // client, seen under load): the first try gets a third of the deadline, then one more on a new connection.
        Duration firstTry = timeout.dividedBy(3);
        try {
            try {
                mailer.send(mail).await().atMost(firstTry);
            } catch (TimeoutException stalled) {
                mailer.send(mail).await().atMost(timeout.minus(firstTry));
            } catch (RuntimeException e) {
                if (!unreadableReply(e)) {
                    throw e;
                }
                // a reply without a status code (seen: the tail of the server's greeting) comes before any mail
                // transaction, so once more on a new connection
                mailer.send(mail).await().atMost(timeout.minus(firstTry));
            }
            return new DeliveryOutcome.Delivered(250);
        } catch (TimeoutException e) {
            return DeliveryOutcome.Failed.retryable("no answer from the SMTP server within " + timeout.toSeconds()
                    + " s");
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static DeliveryOutcome classify(Throwable error) {
        SMTPException smtp = smtpException(error);
        if (smtp == null) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return DeliveryOutcome.Failed.retryable("SMTP connection failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : " " + root.getMessage()));
        }
        int code = smtp.getReplyCode();
        if (unreadable(smtp)) {
            return DeliveryOutcome.Failed.retryable("unreadable SMTP reply: " + oneLine(smtp.getReplyMessage()));
        }
        // the reply text may repeat the code ("550 5.1.1 …")
        String said = "SMTP " + code + " " + oneLine(smtp.getReplyMessage()).replaceFirst("^" + code + "[ -]", "");
        if (code >= 500 && code < 600 && !AUTH_REPLIES.contains(code)) {
            return new DeliveryOutcome.ChannelGone(said + " (address suppressed)", code);
        }
        if (AUTH_REPLIES.contains(code)) {
            return new DeliveryOutcome.Failed(said + " (the SMTP login was refused: check quarkus.mailer.username"
                    + " and password)", code, null, false);
        }
        return new DeliveryOutcome.Failed(said, code, null, false);
    }

    static boolean unreadableReply(Throwable error) {
        SMTPException smtp = smtpException(error);
        return smtp != null && unreadable(smtp);
    }

    /** Vert.x gives code 500 to a reply line it cannot read: a real reply starts with its code. */
    private static boolean unreadable(SMTPException smtp) {
        String firstLine = smtp.getReplyMessage() == null ? "" : smtp.getReplyMessage().strip();
        return !firstLine.startsWith(Integer.toString(smtp.getReplyCode()));
    }

    private static SMTPException smtpException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
