package io.dyad.alert.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One GreenMail SMTP server for the test JVM (a real SMTP server; the service's Quarkus Mailer talks to it over TCP).
 * GreenMail 2.1.3 accepts every recipient, so this one adds a recipient policy: a test may have RCPT TO of one address
 * answered with a given reply ({@code 550 5.1.1 …}, {@code 451 4.3.0 …}) — the way real mail servers refuse — by
 * GreenMail's own SMTP code path ({@link SmtpManager#checkRecipient}).
 */
public final class MailServer {

    private static final Map<String, String> REFUSALS = new ConcurrentHashMap<>();
    private static GreenMail greenMail;

    private MailServer() {
    }

    public static synchronized GreenMail server() {
        if (greenMail == null) {
            GreenMail started = new PolicyGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.start();
            greenMail = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "greenmail-stop"));
        }
        return greenMail;
    }

    public static int port() {
        return server().getSmtp().getPort();
    }

    /** RCPT TO:&lt;address&gt; is answered with {@code reply} (e.g. {@code 550 5.1.1 no such user}) until {@link #accept}. */
    public static void refuse(String address, String reply) {
        REFUSALS.put(address.toLowerCase(Locale.ROOT), reply);
    }

    public static void accept(String address) {
        REFUSALS.remove(address.toLowerCase(Locale.ROOT));
    }

    /** Every mail received for {@code address}, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().toLowerCase(Locale.ROOT).contains(address.toLowerCase(Locale.ROOT)));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** GreenMail with the refusal policy in its SMTP service. */
    private static final class PolicyGreenMail extends GreenMail {

        PolicyGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(config, managers);
            for (ServerSetup setup : config) {
                if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                    services.put(setup.getProtocol(), new PolicySmtpServer(setup, managers));
                }
            }
            return services;
        }
    }

    private static final class PolicySmtpServer extends SmtpServer {

        PolicySmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            SmtpManager policy = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress rcpt) {
                    return REFUSALS.get(rcpt.getEmail().toLowerCase(Locale.ROOT));
                }
            };
            return new SmtpHandler(new SmtpCommandRegistry(), policy, clientSocket);
        }
    }
}
