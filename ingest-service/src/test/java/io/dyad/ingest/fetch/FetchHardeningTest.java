package io.dyad.ingest.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.HostileServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against hostile peers, with the real SSRF guard in the client's DNS step. */
class FetchHardeningTest {

    private static final String UA = "DyadBot/0.1 (+https://github.com/dyad-news/dyad)";
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static FeedFetcher fetcher(SsrfGuard guard) {
        return new FeedFetcher(guard, Duration.ofSeconds(1), Duration.ofSeconds(2), 64 * 1024, 5, UA);
    }

    private static SsrfGuard lenientWithHosts(String name, String ip) {
        return new SsrfGuard(true, host -> host.equals(name)
                ? new InetAddress[] {InetAddress.getByName(ip)} : InetAddress.getAllByName(host));
    }

    @Test
    void theClientConnectsToTheAddressTheGuardResolved() {
        server.stubFor(get("/feed.xml").willReturn(aResponse().withBody("<rss/>")));
        // "feed.dyad-test" exists in no DNS: only the guard's resolution can take the client to WireMock
        FeedFetcher fetcher = fetcher(lenientWithHosts("feed.dyad-test", "127.0.0.1"));

        HttpFetchResult result = fetcher.fetch(URI.create("http://feed.dyad-test:" + server.port() + "/feed.xml"),
                null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsRefusedAtConnectTime() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withBody("<rss/>")));
        AtomicInteger lookups = new AtomicInteger();
        // first answer public (the URL check), every later answer loopback (the connection): DNS rebinding
        SsrfGuard guard = new SsrfGuard(false, host -> new InetAddress[] {InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1")});

        assertThatThrownBy(() -> fetcher(guard).fetch(
                URI.create("http://rebind.dyad-test:" + server.port() + "/feed.xml"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("resolves to 127.0.0.1, a loopback address")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.REFUSED);
        assertThat(lookups.get()).isEqualTo(2);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void cloudMetadataStaysRefusedWhenPrivateNetworksAreAllowed() {
        server.stubFor(get("/go").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/")));
        FeedFetcher fetcher = fetcher(new SsrfGuard(true, InetAddress::getAllByName));

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + server.port() + "/go"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("169.254.169.254, a cloud metadata address")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.REFUSED);
    }

    @Test
    void aNameResolvingToMetadataIsRefusedAtConnectTimeEvenWhenPrivateIsAllowed() {
        FeedFetcher fetcher = fetcher(lenientWithHosts("meta.dyad-test", "169.254.169.254"));

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://meta.dyad-test/latest/"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("cloud metadata")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.REFUSED);
    }

    @Test
    void anEndlessChunkedBodyStopsAtTheCap() throws Exception {
        try (HostileServer endless = new HostileServer(HostileServer.Mode.ENDLESS_CHUNKED, 0)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> fetcher(lenientWithHosts("x", "127.0.0.1"))
                    .fetch(URI.create(endless.url("/feed")), null, null))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("larger than the limit of 65536 bytes")
                    .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aServerDrippingBytesHitsTheTotalDeadlineAndTheClientStaysUsable() throws Exception {
        server.stubFor(get("/feed.xml").willReturn(aResponse().withBody("<rss/>")));
        FeedFetcher fetcher = fetcher(lenientWithHosts("x", "127.0.0.1"));
        try (HostileServer drip = new HostileServer(HostileServer.Mode.DRIP, 300)) {
            long started = System.nanoTime();
            // each byte comes well within the 2 s read timeout: only the whole-response deadline stops it
            assertThatThrownBy(() -> fetcher.fetch(URI.create(drip.url("/feed")), null, null))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("no complete response within 2 s")
                    .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(Duration.ofMillis(1900), Duration.ofMillis(3000));
        }
        HttpFetchResult after = fetcher.fetch(URI.create("http://127.0.0.1:" + server.port() + "/feed.xml"), null,
                null);
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void theDeadlineCoversAllRedirectHops() {
        for (int i = 0; i < 4; i++) {
            server.stubFor(get("/slowhop" + i).willReturn(aResponse().withStatus(302).withFixedDelay(700)
                    .withHeader("Location", "/slowhop" + (i + 1))));
        }
        server.stubFor(get("/slowhop4").willReturn(aResponse().withBody("<rss/>")));
        FeedFetcher fetcher = fetcher(lenientWithHosts("x", "127.0.0.1"));

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + server.port() + "/slowhop0"), null,
                null))
                .isInstanceOf(FetchException.class)
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.TIMEOUT);
    }

    @Test
    void anUnresolvableNameIsANetworkError() {
        SsrfGuard guard = new SsrfGuard(true, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> fetcher(guard).fetch(URI.create("http://gone.dyad-test/feed"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("gone.dyad-test cannot be resolved")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.NETWORK_ERROR);
    }
}
