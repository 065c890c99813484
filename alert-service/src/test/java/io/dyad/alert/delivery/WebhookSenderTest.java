package io.dyad.alert.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.alert.egress.HostResolver;
import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.support.StandardWebhooksVerifier;
import io.dyad.alert.support.WebhookReceiver;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final byte[] BODY = "{\"id\":\"d-1\",\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    private static final String SECRET = WebhookSignature.newSecret();
    private static final List<String> SECRETS = List.of(SECRET);

    private final WireMockServer wm = WebhookReceiver.server();
    // the production deadline: a WireMock answering its first request in a busy JVM can take seconds, and these tests
    // are not about the deadline (slowReceiversTimeOut has its own 1 s sender)
    private final WebhookSender sender = new WebhookSender(new SsrfGuard(true, HostResolver.SYSTEM),
            Duration.ofSeconds(15), Clock.fixed(NOW, ZoneOffset.UTC));
    private final WebhookSender impatient = new WebhookSender(new SsrfGuard(true, HostResolver.SYSTEM),
            Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC));

    private String path() {
        return "/sender/" + UUID.randomUUID();
    }

    @Test
    void postsJsonWithStandardWebhooksHeaders() {
        String path = path();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("ok")));

        DeliveryOutcome outcome = sender.send(WebhookReceiver.url(path), "d-1", SECRETS, BODY);

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(200));
        wm.verify(1, postRequestedFor(urlPathEqualTo(path))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("webhook-id", equalTo("d-1"))
                .withHeader("webhook-timestamp", equalTo(Long.toString(NOW.getEpochSecond())))
                .withHeader("User-Agent", matching("Dyad-Alert/.*"))
                .withRequestBody(equalToJson("{\"id\":\"d-1\",\"hello\":\"world\"}")));
        LoggedRequest request = wm.findAll(postRequestedFor(urlPathEqualTo(path))).get(0);
        String signature = request.getHeader("webhook-signature");
        assertThat(signature).startsWith("v1,");
        // verified the way a receiver would, by code apart from the signer
        assertThat(StandardWebhooksVerifier.verify(SECRET, request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"), request.getBody(), signature, NOW.getEpochSecond())).isTrue();
        assertThat(StandardWebhooksVerifier.verify(WebhookSignature.newSecret(), "d-1",
                request.getHeader("webhook-timestamp"), request.getBody(), signature, NOW.getEpochSecond())).isFalse();
    }

    @Test
    void onlyHttpsWhenPrivateNetworksAreRefused() {
        WebhookSender production = new WebhookSender(new SsrfGuard(false, host -> new java.net.InetAddress[] {
                java.net.InetAddress.getByName("93.184.215.14")}), Duration.ofSeconds(1), Clock.systemUTC());

        DeliveryOutcome outcome = production.send("http://hooks.example.com/x", "d-7", SECRETS, BODY);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.error()).isEqualTo("refused: webhooks must use https");
        });
    }

    @Test
    void errorAnswersAreRetryableWithStatusSnippetAndRetryAfter() {
        String path = path();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")
                .withBody("maintenance\n" + "x".repeat(5000))));

        DeliveryOutcome outcome = sender.send(WebhookReceiver.url(path), "d-2", SECRETS, BODY);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.statusCode()).isEqualTo(503);
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(f.error()).startsWith("HTTP 503: maintenance x").hasSizeLessThan(600);
        });
    }

    @Test
    void redirectsAreNotFollowed() {
        String path = path();
        String elsewhere = path();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", WebhookReceiver.url(elsewhere))));

        DeliveryOutcome outcome = sender.send(WebhookReceiver.url(path), "d-3", SECRETS, BODY);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
                f -> assertThat(f.error()).isEqualTo("HTTP 302: redirects are not followed"));
        wm.verify(0, postRequestedFor(urlPathEqualTo(elsewhere)));
    }

    @Test
    void slowReceiversTimeOut() {
        String path = path();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

        long start = System.nanoTime();
        DeliveryOutcome outcome = impatient.send(WebhookReceiver.url(path), "d-4", SECRETS, BODY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.error()).isEqualTo("no answer within 1 s");
        });
    }

    @Test
    void theSsrfGuardIsCheckedAgainAtSendTime() {
        String path = path();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        WebhookSender strict = new WebhookSender(new SsrfGuard(false, HostResolver.SYSTEM), Duration.ofSeconds(1),
                Clock.systemUTC());

        // https, so the refusal comes from the connect step's address check, not from the scheme rule
        DeliveryOutcome outcome = strict.send(WebhookReceiver.url(path).replace("http:", "https:"), "d-5", SECRETS,
                BODY);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.error()).startsWith("refused: host \"127.0.0.1\" resolves to 127.0.0.1, a loopback");
        });
        wm.verify(0, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aNameRebindingToLoopbackAfterTheCheckIsRefusedWithNothingSent() throws Exception {
        String path = path();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard guard = new SsrfGuard(false, host -> new InetAddress[] {
                InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.215.14" : "127.0.0.1")});
        String url = "https://hooks.rebind.invalid:" + wm.port() + path;
        assertThat(guard.check(url)).isNotNull(); // what the subscription was created with

        DeliveryOutcome outcome = new WebhookSender(guard, Duration.ofSeconds(15), Clock.systemUTC())
                .send(url, "d-8", SECRETS, BODY);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.error()).isEqualTo("refused: host \"hooks.rebind.invalid\" resolves to 127.0.0.1, a loopback"
                    + " address (private networks are not allowed)");
        });
        assertThat(lookups).hasValue(2);
        wm.verify(0, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void refusedConnectionsAreRetryable() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryOutcome outcome = sender.send("http://127.0.0.1:" + closedPort + "/x", "d-6", SECRETS, BODY);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.statusCode()).isNull();
        });
    }
}
