package io.dyad.ingest.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
        server = io.dyad.ingest.testing.Peers.wireMock();
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

    @Test
    void oneRequestPerHostAtATimeWithAPauseBetweenAndOtherHostsInParallel() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Long> starts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer slow = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 50);
        slow.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        slow.createContext("/", exchange -> {
            starts.add(System.nanoTime());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            byte[] body = "<rss/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slow.start();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            int port = slow.getAddress().getPort();
            SsrfGuard guard = new SsrfGuard(true, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
            FeedFetcher polite = new FeedFetcher(guard, Duration.ofSeconds(1), Duration.ofSeconds(10), 64 * 1024, 5,
                    UA, Duration.ofMillis(300));

            java.util.List<java.util.concurrent.Future<HttpFetchResult>> sameHost = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sameHost.add(callers.submit(() -> polite.fetch(
                        URI.create("http://feeds.dyad-test:" + port + "/f" + System.nanoTime()), null, null)));
            }
            for (var f : sameHost) {
                assertThat(f.get().status()).isEqualTo(200);
            }
            assertThat(maxInFlight.get()).isEqualTo(1);
            java.util.List<Long> sorted = starts.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                // 200 ms of response, then at least 300 ms of pause before the next request starts
                assertThat(Duration.ofNanos(sorted.get(i) - sorted.get(i - 1))).isGreaterThan(Duration.ofMillis(480));
            }

            maxInFlight.set(0);
            var a = callers.submit(() -> polite.fetch(URI.create("http://one.dyad-test:" + port + "/a"), null, null));
            var b = callers.submit(() -> polite.fetch(URI.create("http://two.dyad-test:" + port + "/b"), null, null));
            assertThat(a.get().status()).isEqualTo(200);
            assertThat(b.get().status()).isEqualTo(200);
            assertThat(maxInFlight.get()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
            slow.stop(0);
        }
    }

    @Test
    void maxAgeIsReadFromCacheControl() {
        assertThat(FeedFetcher.maxAge("public, max-age=600")).isEqualTo(Duration.ofSeconds(600));
        assertThat(FeedFetcher.maxAge("max-age=\"90\", must-revalidate")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FeedFetcher.maxAge("no-cache")).isNull();
        assertThat(FeedFetcher.maxAge("max-age=0")).isNull();
        assertThat(FeedFetcher.maxAge("max-age=soon")).isNull();
        assertThat(FeedFetcher.maxAge(null)).isNull();
    }
}
