package io.dyad.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How SMTP answers are read (the sending itself is tested against GreenMail in EmailDeliveryTest). */
class EmailSenderTest {

    private static SMTPException smtp(int code, String text) {
        return new SMTPException("smtp", code, List.of(code + " " + text), true);
    }

    @Test
    void permanentRefusalsSuppressTheAddress() {
        DeliveryOutcome outcome = EmailSender.classify(new RuntimeException(smtp(550, "5.1.1 no such user")));
        assertThat(outcome).isInstanceOf(DeliveryOutcome.ChannelGone.class);
        assertThat(((DeliveryOutcome.ChannelGone) outcome).statusCode()).isEqualTo(550);
        assertThat(((DeliveryOutcome.ChannelGone) outcome).error()).isEqualTo(
                "SMTP 550 5.1.1 no such user (address suppressed)");
        assertThat(EmailSender.classify(smtp(554, "5.7.1 rejected"))).isInstanceOf(DeliveryOutcome.ChannelGone.class);
    }

    @Test
    void transientRefusalsAndConnectionTroubleAreRetried() {
        DeliveryOutcome busy = EmailSender.classify(smtp(451, "4.3.0 try later"));
        assertThat(busy).isEqualTo(new DeliveryOutcome.Failed("SMTP 451 4.3.0 try later", 451, null, false));
        DeliveryOutcome down = EmailSender.classify(new RuntimeException(new ConnectException("Connection refused")));
        assertThat(down).isInstanceOf(DeliveryOutcome.Failed.class);
        assertThat(((DeliveryOutcome.Failed) down).permanent()).isFalse();
        assertThat(((DeliveryOutcome.Failed) down).error()).contains("ConnectException Connection refused");
    }

    @Test
    void aRefusedLoginIsOurConfigurationAndSuppressesNobody() {
        DeliveryOutcome outcome = EmailSender.classify(smtp(535, "5.7.8 authentication failed"));
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
        assertThat(((DeliveryOutcome.Failed) outcome).permanent()).isFalse();
        assertThat(((DeliveryOutcome.Failed) outcome).error()).contains("check quarkus.mailer.username");
    }

    @Test
    void aReplyWithoutAStatusCodeIsRetriedNotReadAsARefusal() {
        // Vert.x gives code 500 to a line it cannot read; this one is the tail of a greeting on a reused connection
        SMTPException garbled = new SMTPException("smtp", 500, List.of("eenMail SMTP Service v2.1.3 ready"), true);
        DeliveryOutcome outcome = EmailSender.classify(new RuntimeException(garbled));
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
        assertThat(((DeliveryOutcome.Failed) outcome).permanent()).isFalse();
        assertThat(((DeliveryOutcome.Failed) outcome).error())
                .isEqualTo("unreadable SMTP reply: eenMail SMTP Service v2.1.3 ready");
    }
}
