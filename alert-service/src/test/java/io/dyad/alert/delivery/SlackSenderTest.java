package io.dyad.alert.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.dyad.alert.egress.HostResolver;
import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.support.WebhookReceiver;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlackSenderTest {

    private static final byte[] MESSAGE = "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    // the production deadline: WireMock's first answer in a busy JVM can take seconds (no test here is about it)
    private final SlackSender sender = new SlackSender(new SsrfGuard(true, HostResolver.SYSTEM), Duration.ofSeconds(15),
            Clock.systemUTC(), new ChannelPacer(Duration.ofMillis(1)));

    @Test
    void classifiesSlacksAnswers() {
        assertThat(sender.classify(200, "ok", null)).isEqualTo(new DeliveryOutcome.Delivered(200));
        assertThat(sender.classify(400, "invalid_payload", null))
                .isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> assertThat(f.permanent()).isTrue());
        for (int gone : new int[] {403, 404, 410}) {
            assertThat(sender.classify(gone, "channel_not_found", null))
                    .isInstanceOf(DeliveryOutcome.ChannelGone.class);
        }
        assertThat(sender.classify(429, "rate_limited", "30")).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
                f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                });
        assertThat(sender.classify(500, "", null))
                .isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> assertThat(f.permanent()).isFalse());
        assertThat(sender.classify(401, "invalid_token", null))
                .isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> assertThat(f.permanent()).isTrue());
    }

    @Test
    void redirectsAreNotFollowed() {
        String path = "/services/" + UUID.randomUUID();
        var wm = WebhookReceiver.server();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", WebhookReceiver.url("/elsewhere"))));

        DeliveryOutcome outcome = sender.send(WebhookReceiver.url(path), MESSAGE);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("HTTP 302: redirects are not followed"));
        wm.verify(0, postRequestedFor(urlPathEqualTo("/elsewhere")));
    }

    @Test
    void onlyHttpsWhenPrivateNetworksAreRefused() {
        SlackSender production = new SlackSender(new SsrfGuard(false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.215.14")}), Duration.ofSeconds(1), Clock.systemUTC(),
                new ChannelPacer(Duration.ofSeconds(1)));

        assertThat(production.send("http://hooks.slack.com/services/T/B/X", MESSAGE))
                .isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
                    assertThat(f.permanent()).isTrue();
                    assertThat(f.error()).isEqualTo("refused: Slack webhooks must use https");
                });
    }

    @Test
    void aNameRebindingToLoopbackAfterTheCheckIsRefusedWithNothingSent() throws Exception {
        String path = "/services/" + UUID.randomUUID();
        var wm = WebhookReceiver.server();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("ok")));
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard guard = new SsrfGuard(false, host -> new InetAddress[] {
                InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.215.14" : "127.0.0.1")});
        String url = "https://hooks.slack.invalid:" + wm.port() + path;
        assertThat(guard.check(url)).isNotNull();

        DeliveryOutcome outcome = new SlackSender(guard, Duration.ofSeconds(15), Clock.systemUTC(),
                new ChannelPacer(Duration.ofMillis(1))).send(url, MESSAGE);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.error()).startsWith("refused: host \"hooks.slack.invalid\" resolves to 127.0.0.1");
        });
        wm.verify(0, postRequestedFor(urlPathEqualTo(path)));
    }
}
