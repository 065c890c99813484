package io.dyad.ingest.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.ingest.testing.Peers;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {

    private static final String UA = "DyadBot/0.1 (+https://github.com/dyad-news/dyad)";
    private static WireMockServer server;

    /** Lets everything through except paths under /internal: stands in for a refused redirect target. */
    private static final UrlGuard GUARD = uri -> {
        if (uri.getPath().startsWith("/internal")) {
            throw new UrlRefusedException("the host resolves to a private address");
        }
    };

    private final FeedFetcher fetcher = new FeedFetcher(GUARD, Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024,
            5, UA);

    @BeforeAll
    static void start() {
        server = Peers.wireMock();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void getsTheBodyWithValidatorsAndIdentifiesItself() {
        server.stubFor(get("/feed.xml").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml; charset=utf-8")
                .withHeader("ETag", "\"v1\"")
                .withHeader("Last-Modified", "Tue, 03 Mar 2026 09:30:00 GMT")
                .withBody("<rss>" + "x".repeat(2000) + "</rss>")));

        HttpFetchResult result = fetcher.fetch(url("/feed.xml"), null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.successful()).isTrue();
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).startsWith("<rss>xxx").endsWith("</rss>");
        assertThat(result.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(result.etag()).isEqualTo("\"v1\"");
        assertThat(result.lastModified()).isEqualTo("Tue, 03 Mar 2026 09:30:00 GMT");
        server.verify(getRequestedFor(urlEqualTo("/feed.xml"))
                .withHeader("User-Agent", equalTo(UA))
                .withHeader("Accept", equalTo(FeedFetcher.ACCEPT))
                .withHeader("If-None-Match", absent())
                .withHeader("If-Modified-Since", absent()));
    }

    @Test
    void sendsTheValidatorsAndReportsNotModified() {
        server.stubFor(get("/feed.xml").withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));

        HttpFetchResult result = fetcher.fetch(url("/feed.xml"), "\"v1\"", "Tue, 03 Mar 2026 09:30:00 GMT");

        assertThat(result.notModified()).isTrue();
        assertThat(result.body()).isEmpty();
        server.verify(getRequestedFor(urlEqualTo("/feed.xml"))
                .withHeader("If-Modified-Since", equalTo("Tue, 03 Mar 2026 09:30:00 GMT")));
    }

    @Test
    void followsRedirectsByHand() {
        server.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/moved")));
        server.stubFor(get("/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", url("/feed.xml").toString())));
        server.stubFor(get("/feed.xml").willReturn(aResponse().withStatus(200).withBody("<rss/>")));

        HttpFetchResult result = fetcher.fetch(url("/old"), null, null);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.uri()).isEqualTo(url("/feed.xml"));
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
    }

    @Test
    void eachRedirectTargetIsCheckedByTheGuard() {
        server.stubFor(get("/feed.xml").willReturn(aResponse().withStatus(302).withHeader("Location", "/internal/admin")));
        server.stubFor(get("/internal/admin").willReturn(aResponse().withStatus(200).withBody("secret")));

        assertThatThrownBy(() -> fetcher.fetch(url("/feed.xml"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("redirect to " + url("/internal/admin") + " refused")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.REFUSED);
        server.verify(0, getRequestedFor(urlEqualTo("/internal/admin")));
    }

    @Test
    void theGuardChecksTheFirstUrlToo() {
        assertThatThrownBy(() -> fetcher.fetch(url("/internal/x"), null, null)).isInstanceOf(UrlRefusedException.class);
        server.verify(0, getRequestedFor(urlEqualTo("/internal/x")));
    }

    @Test
    void stopsAfterFiveRedirects() {
        for (int i = 0; i < 7; i++) {
            server.stubFor(get("/hop" + i).willReturn(aResponse().withStatus(302).withHeader("Location", "/hop" + (i + 1))));
        }

        assertThatThrownBy(() -> fetcher.fetch(url("/hop0"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("more than 5 redirects")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.REDIRECT_ERROR);
        server.verify(6, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/hop.*")));
    }

    @Test
    void refusesABodyOverTheCap() {
        server.stubFor(get("/huge").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream")
                .withBody(new byte[200 * 1024])));

        assertThatThrownBy(() -> fetcher.fetch(url("/huge"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("larger than the limit of 65536 bytes")
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    }

    @Test
    void givesUpOnASlowServer() {
        server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(4000).withBody("<rss/>")));

        long started = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch(url("/slow"), null, null))
                .isInstanceOf(FetchException.class)
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void aClosedPortIsANetworkError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/feed"), null, null))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:" + port)
                .extracting(e -> ((FetchException) e).outcome()).isEqualTo(FetchOutcome.NETWORK_ERROR);
    }

    @Test
    void errorStatusesAreReturnedWithRetryAfter() {
        server.stubFor(get("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        HttpFetchResult result = fetcher.fetch(url("/busy"), null, null);

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.successful()).isFalse();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void gzipBodiesAreInflatedAndTheInflatedSizeIsCapped() throws IOException {
        byte[] feed = ("<rss>" + "news ".repeat(1000) + "</rss>").getBytes(StandardCharsets.UTF_8);
        byte[] bomb = new byte[1024 * 1024]; // 1 MB of zeros: about 1 KB compressed
        HttpServer gzipServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gzipServer.createContext("/feed", exchange -> sendGzip(exchange, feed));
        gzipServer.createContext("/bomb", exchange -> sendGzip(exchange, bomb));
        gzipServer.start();
        try {
            String base = "http://127.0.0.1:" + gzipServer.getAddress().getPort();

            HttpFetchResult result = fetcher.fetch(URI.create(base + "/feed"), null, null);
            assertThat(result.body()).isEqualTo(feed);

            assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/bomb"), null, null))
                    .isInstanceOf(FetchException.class)
                    .hasMessageContaining("decompressed response body is larger than the limit");
        } finally {
            gzipServer.stop(0);
        }
    }

    private static void sendGzip(com.sun.net.httpserver.HttpExchange exchange, byte[] plain) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(plain);
        }
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.sendResponseHeaders(200, compressed.size());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(compressed.toByteArray());
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-03-04T12:00:00Z");
        assertThat(FeedFetcher.retryAfter("90", now)).isEqualTo(Duration.ofSeconds(90));
        assertThat(FeedFetcher.retryAfter("Wed, 04 Mar 2026 12:10:00 GMT", now)).isEqualTo(Duration.ofMinutes(10));
        assertThat(FeedFetcher.retryAfter("Wed, 04 Mar 2026 11:00:00 GMT", now)).isNull();
        assertThat(FeedFetcher.retryAfter("soon", now)).isNull();
        assertThat(FeedFetcher.retryAfter(null, now)).isNull();
    }
}
