package io.dyad.ingest.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** robots.txt served by WireMock, read through the real fetcher and crawler-commons. */
class RobotsPolicyTest {

    private WireMockServer site;
    private final FeedFetcher fetcher = new FeedFetcher(new SsrfGuard(true, InetAddress::getAllByName),
            Duration.ofSeconds(1), Duration.ofSeconds(2), 64 * 1024, 5, "DyadBot/0.1 (+https://dyad.example/bot)");

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-04T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        site = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        site.start();
    }

    @AfterEach
    void stop() {
        site.stop();
    }

    private URI page(String path) {
        return URI.create("http://127.0.0.1:" + site.port() + path);
    }

    @Test
    void ourGroupIsHonouredAndTheFileIsCachedUntilItsTtl() {
        site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                .withBody("User-agent: *\nDisallow: /\n\nUser-agent: DyadBot\nDisallow: /private/\nAllow: /\n")));
        TestClock clock = new TestClock();
        RobotsPolicy robots = new RobotsPolicy(fetcher, RobotsPolicy.agentName("DyadBot/0.1 (+x)"),
                Duration.ofHours(24), clock);

        assertThat(robots.allowed(page("/news/story"))).isTrue();
        assertThat(robots.allowed(page("/private/story"))).isFalse();
        site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));

        clock.now = clock.now.plus(Duration.ofHours(23));
        assertThat(robots.allowed(page("/news/other"))).isTrue();
        site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));

        clock.now = clock.now.plus(Duration.ofHours(2)); // past 24 h: read again
        assertThat(robots.allowed(page("/news/other"))).isTrue();
        site.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
    }

    @Test
    void aLongerConfiguredTtlIsCutTo24Hours() {
        site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(200).withBody("User-agent: *\nAllow: /\n")));
        TestClock clock = new TestClock();
        RobotsPolicy robots = new RobotsPolicy(fetcher, "DyadBot", Duration.ofDays(7), clock);

        robots.allowed(page("/a"));
        clock.now = clock.now.plus(Duration.ofHours(25));
        robots.allowed(page("/a"));
        site.verify(2, getRequestedFor(urlEqualTo("/robots.txt")));
    }

    @Test
    void aMissingFileAllowsEverythingAndAServerErrorAllowsNothing() {
        RobotsPolicy robots = new RobotsPolicy(fetcher, "DyadBot", Duration.ofHours(24), new TestClock());
        site.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(404)));
        assertThat(robots.allowed(page("/anything"))).isTrue();

        WireMockServer broken = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        broken.start();
        try {
            broken.stubFor(get("/robots.txt").willReturn(aResponse().withStatus(503)));
            assertThat(robots.allowed(URI.create("http://127.0.0.1:" + broken.port() + "/story"))).isFalse();
        } finally {
            broken.stop();
        }
    }

    @Test
    void anUnreachableOriginIsNotCrawled() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RobotsPolicy robots = new RobotsPolicy(fetcher, "DyadBot", Duration.ofHours(24), new TestClock());
        assertThat(robots.allowed(URI.create("http://127.0.0.1:" + port + "/story"))).isFalse();
        assertThat(RobotsPolicy.agentName("DyadBot/0.1 (+https://dyad.example)")).isEqualTo("DyadBot");
    }
}
