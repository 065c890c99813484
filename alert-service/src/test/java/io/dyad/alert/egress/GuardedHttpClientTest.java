package io.dyad.alert.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.alert.support.WebhookReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guarded client connects only where the guard's DNS step says: names that exist in no DNS reach WireMock through
 * the guard's answer, a name that rebinds from a public address to loopback is refused with nothing sent, metadata
 * and IPv4-in-IPv6 addresses are refused at connect time, TLS is verified against the URL's host name with SNI, and
 * connections are reused.
 */
class GuardedHttpClientTest {

    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WireMockServer wm = WebhookReceiver.server();

    private String hook() {
        String path = "/egress/" + UUID.randomUUID();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        return path;
    }

    private static HostResolver fixed(String address) {
        return host -> new InetAddress[] {InetAddress.getByName(address)};
    }

    @Test
    void connectsOnlyToTheAddressTheGuardAnswered() throws Exception {
        String path = hook();
        // the name exists in no DNS: only the guard's answer can take the request to WireMock
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(true, fixed("127.0.0.1")), TIMEOUT)) {
            GuardedHttpClient.Answer answer = client.post(
                    URI.create("http://hooks.pinned.invalid:" + wm.port() + path), Map.of(), "application/json", BODY);

            assertThat(answer.status()).isEqualTo(204);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aNameRebindingFromPublicToLoopbackIsRefusedWithNothingSent() throws Exception {
        String path = hook();
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> new InetAddress[] {
                InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.215.14" : "127.0.0.1")};
        SsrfGuard guard = new SsrfGuard(false, rebinding);
        String url = "http://hooks.rebind.invalid:" + wm.port() + path;

        assertThat(guard.check(url)).isNotNull(); // subscribe time: the public answer passes

        try (GuardedHttpClient client = new GuardedHttpClient(guard, TIMEOUT)) {
            assertThatThrownBy(() -> client.post(URI.create(url), Map.of(), "application/json", BODY))
                    .isInstanceOf(RefusedAddressException.class)
                    .hasMessage("host \"hooks.rebind.invalid\" resolves to 127.0.0.1, a loopback address"
                            + " (private networks are not allowed)");
        }
        // one lookup at subscribe time, one in the connect step: the checked answer is the one used
        assertThat(lookups).hasValue(2);
        wm.verify(0, postRequestedFor(urlPathEqualTo(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "fd00:ec2::254",
            "100.100.100.200"})
    void metadataAddressesAreRefusedEvenWhenPrivateNetworksAreAllowed(String address) throws Exception {
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(true, fixed(address)), TIMEOUT)) {
            assertThatThrownBy(() -> client.post(URI.create("http://metadata.google.internal/computeMetadata/v1/"),
                    Map.of(), "application/json", BODY))
                    .isInstanceOf(RefusedAddressException.class)
                    .hasMessageContaining("a cloud metadata address");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "::ffff:10.0.0.1", "::1"})
    void ipv4InsideIpv6IsReadForWhatItIs(String address) throws Exception {
        String path = hook();
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(false, fixed(address)), TIMEOUT)) {
            assertThatThrownBy(() -> client.post(URI.create("http://hooks.mapped.invalid:" + wm.port() + path),
                    Map.of(), "application/json", BODY))
                    .isInstanceOf(RefusedAddressException.class)
                    .hasMessageContaining("private networks are not allowed");
        }
        wm.verify(0, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void addressLiteralsGoThroughTheGuardToo() throws Exception {
        String path = hook();
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(false, HostResolver.SYSTEM), TIMEOUT)) {
            for (String host : new String[] {"127.0.0.1", "[::ffff:127.0.0.1]", "[::1]"}) {
                assertThatThrownBy(() -> client.post(URI.create("http://" + host + ":" + wm.port() + path),
                        Map.of(), "application/json", BODY))
                        .isInstanceOf(RefusedAddressException.class)
                        .hasMessageContaining("a loopback address");
            }
        }
        wm.verify(0, postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void unknownHostsAreNotRefusals() throws Exception {
        HostResolver nothing = host -> {
            throw new UnknownHostException(host);
        };
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(true, nothing), TIMEOUT)) {
            assertThatThrownBy(() -> client.post(URI.create("http://nowhere.invalid/x"), Map.of(), "application/json",
                    BODY))
                    .isInstanceOf(UnknownHostException.class)
                    .isNotInstanceOf(RefusedAddressException.class);
        }
    }

    @Test
    void tlsIsVerifiedAgainstTheUrlsHostNameWithSniAndConnectionsAreReused() throws Exception {
        try (TlsTestServer server = new TlsTestServer("hooks.tls.invalid");
                GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(true, fixed("127.0.0.1")), TIMEOUT,
                        server.clientTls())) {
            for (int i = 0; i < 5; i++) {
                GuardedHttpClient.Answer answer = client.post(
                        URI.create("https://hooks.tls.invalid:" + server.port() + "/hook"), Map.of(),
                        "application/json", BODY);
                assertThat(answer.status()).isEqualTo(204);
            }
            assertThat(server.requests()).isEqualTo(5);
            assertThat(server.connections()).isEqualTo(1); // pooled and kept alive
            assertThat(server.sniNames()).containsExactly("hooks.tls.invalid");

            // same address, same trusted certificate, but the URL names another host: the handshake must fail
            assertThatThrownBy(() -> client.post(URI.create("https://other.tls.invalid:" + server.port() + "/hook"),
                    Map.of(), "application/json", BODY))
                    .isInstanceOf(SSLException.class)
                    .hasMessageContaining("other.tls.invalid"); // refused for the name, not for trust
            assertThat(server.requests()).isEqualTo(5);
        }
    }

    @Test
    void aReceiverDrippingItsAnswerIsCutAtTheDeadline() throws Exception {
        String path = "/egress/" + UUID.randomUUID();
        // 40 chunks over 4 s: every read returns well within the socket timeout, only the whole deadline stops it
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("x".repeat(400))
                .withChunkedDribbleDelay(40, 4000)));
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(true, HostResolver.SYSTEM),
                Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.post(URI.create(WebhookReceiver.url(path)), Map.of(), "application/json",
                    BODY))
                    .isInstanceOf(GuardedHttpClient.DeadlineExceededException.class)
                    .hasMessage("no answer within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
        }
    }

    @Test
    void onlyTheStartOfALongAnswerIsRead() throws Exception {
        String path = "/egress/" + UUID.randomUUID();
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500).withBody("y".repeat(2_000_000))));
        try (GuardedHttpClient client = new GuardedHttpClient(new SsrfGuard(true, HostResolver.SYSTEM), TIMEOUT)) {
            GuardedHttpClient.Answer answer = client.post(URI.create(WebhookReceiver.url(path)), Map.of(),
                    "application/json", BODY);

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.bodyStart()).hasSize(GuardedHttpClient.MAX_BODY_START);
        }
    }
}
