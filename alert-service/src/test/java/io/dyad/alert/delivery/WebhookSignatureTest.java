package io.dyad.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dyad.alert.support.StandardWebhooksVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void matchesTheStandardWebhooksSpecExample() {
        // the example message of the Standard Webhooks specification
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body);
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aRotationSignsWithBothSecretsAndEachVerifies() {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(List.of(current, previous), "d-1", 1_700_000_000L, body);

        assertThat(header.split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.verify(current, "d-1", "1700000000", body, header, 1_700_000_010L)).isTrue();
        assertThat(StandardWebhooksVerifier.verify(previous, "d-1", "1700000000", body, header, 1_700_000_010L))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(WebhookSignature.newSecret(), "d-1", "1700000000", body, header,
                1_700_000_010L)).isFalse();
        // a changed body, id or timestamp breaks it
        assertThat(StandardWebhooksVerifier.verify(current, "d-1", "1700000000",
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8), header, 1_700_000_010L)).isFalse();
        assertThat(StandardWebhooksVerifier.verify(current, "d-2", "1700000000", body, header, 1_700_000_010L))
                .isFalse();
        assertThat(StandardWebhooksVerifier.verify(current, "d-1", "1700000001", body, header, 1_700_000_010L))
                .isFalse();
    }

    @Test
    void secretsAreWhsecWith32RandomBytes() {
        String s = WebhookSignature.newSecret();
        assertThat(s).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(s.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(s);
        assertThatThrownBy(() -> WebhookSignature.header(List.of("nope"), "d", 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
