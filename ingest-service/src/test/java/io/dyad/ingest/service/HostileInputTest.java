package io.dyad.ingest.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.HostileServer;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.ingest.testing.TestFeeds.Item;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input corpus of issue 3, each served to a real source and fetched through the service: every one ends
 * in an error recorded on that source (or, for bad bytes, in a tolerated item), nothing leaks, and the service stays
 * ready and keeps fetching healthy feeds.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class HostileInputTest {

    private static WireMockServer peers;

    @BeforeAll
    static void startPeers() {
        peers = Peers.wireMock();
    }

    @AfterAll
    static void stopPeers() {
        peers.stop();
    }

    private static String url(String path) {
        return Peers.url(peers, path);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void serve(String path, byte[] body, String... headers) {
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/rss+xml").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        peers.stubFor(get(path).willReturn(response));
    }

    private static JsonPath source(long id) {
        return given().get("/sources/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The fetch failed with {@code outcome}, the source shows it, and nothing was published. */
    private static JsonPath assertRecordedFailure(String feedUrl, String outcome, String errorFragment) {
        long id = FeedFetchTest.createSource("Hostile " + UUID.randomUUID(), feedUrl);
        JsonPath report = FeedFetchTest.fetch(id);
        assertThat(report.getString("outcome")).isEqualTo(outcome);
        assertThat(report.getInt("published")).isZero();
        assertThat(report.getString("error")).contains(errorFragment);
        JsonPath source = source(id);
        assertThat(source.getString("lastOutcome")).isEqualTo(outcome);
        assertThat(source.getString("lastError")).contains(errorFragment);
        assertThat(source.getInt("consecutiveFailures")).isEqualTo(1);
        return source;
    }

    @AfterEach
    void serviceIsStillHealthyAndFetching() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String token = UUID.randomUUID().toString();
        serve("/healthy/" + token, TestFeeds.rss("Healthy", List.of(new Item("Calm news " + token,
                "https://calm.example/" + token, "Nothing happened.", null))).getBytes(StandardCharsets.UTF_8));
        long id = FeedFetchTest.createSource("Healthy " + token, url("/healthy/" + token));
        assertThat(FeedFetchTest.fetch(id).getString("outcome")).isEqualTo("ok");
    }

    @Test
    void xxeReadingEtcPasswdIsRefusedAndNothingLeaks() throws IOException {
        serve("/xxe.xml", resource("xxe-passwd.xml").getBytes(StandardCharsets.UTF_8));

        JsonPath source = assertRecordedFailure(url("/xxe.xml"), "parse_error", "DOCTYPE");

        assertThat(source.getString("lastError")).doesNotContain("root:");
        String leakId = ArticleIds.articleId(ArticleIds.canonicalUrl("https://leaky.example/accounts"));
        assertThat(RawTopic.withKeys(List.of(leakId))).isEmpty();
    }

    @Test
    void billionLaughsIsRefusedWithoutExpansion() throws IOException {
        serve("/laughs.xml", resource("billion-laughs.xml").getBytes(StandardCharsets.UTF_8));

        assertRecordedFailure(url("/laughs.xml"), "parse_error", "DOCTYPE");
    }

    @Test
    void anExternalDtdIsNeverRequested() throws IOException {
        peers.stubFor(get(urlPathMatching("/canary/.*")).willReturn(aResponse().withStatus(200)
                .withBody("<!ENTITY % boom \"x\">")));
        String base = "http://127.0.0.1:" + peers.port();
        serve("/dtd.xml", resource("external-dtd.xml").replace("CANARY_BASE", base).getBytes(StandardCharsets.UTF_8));

        assertRecordedFailure(url("/dtd.xml"), "parse_error", "DOCTYPE");

        peers.verify(0, getRequestedFor(urlPathMatching("/canary/.*")));
    }

    @Test
    void aGzipBombIsCutOffAtTheDecompressedCap() throws IOException {
        // 64 MiB of zeros, about 64 KB on the wire: the cap (10 MiB) counts the inflated bytes
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        serve("/bomb.xml", compressed.toByteArray(), "Content-Encoding", "gzip");

        assertRecordedFailure(url("/bomb.xml"), "too_large", "decompressed response body is larger than the limit");
    }

    @Test
    void anEndlessChunkedBodyIsCutOffAtTheCap() throws IOException {
        try (HostileServer endless = new HostileServer(HostileServer.Mode.ENDLESS_CHUNKED, 0)) {
            assertRecordedFailure(endless.url("/endless.xml"), "too_large", "larger than the limit of 10485760 bytes");
        }
    }

    @Test
    void aServerSendingAByteEverySecondHitsTheDeadline() throws IOException {
        try (HostileServer drip = new HostileServer(HostileServer.Mode.DRIP, 1000)) {
            long started = System.nanoTime();
            assertRecordedFailure(drip.url("/drip.xml"), "timeout", "no complete response within 5 s");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(8000);
        }
    }

    @Test
    void invalidUtf8IsToleratedPerItem() {
        String token = UUID.randomUUID().toString();
        String link = "https://bytes.example/" + token;
        byte[] feed = TestFeeds.rss("Bad bytes", List.of(new Item("Caf\u00e9 MARKER talks", link,
                "Talks resume.", null))).getBytes(StandardCharsets.UTF_8);
        // replace "MARKER" with bytes that are not UTF-8: a lone continuation byte and a truncated sequence
        String text = new String(feed, StandardCharsets.ISO_8859_1).replace("MARKER", "\u0080\u00e2\u0082");
        serve("/bytes/" + token, text.getBytes(StandardCharsets.ISO_8859_1), "Content-Type",
                "application/rss+xml; charset=utf-8");

        long id = FeedFetchTest.createSource("Bad bytes " + token, url("/bytes/" + token));
        JsonPath report = FeedFetchTest.fetch(id);

        assertThat(report.getString("outcome")).isEqualTo("ok");
        assertThat(report.getInt("published")).isEqualTo(1);
        List<ConsumerRecord<String, String>> records =
                RawTopic.withKeys(List.of(ArticleIds.articleId(ArticleIds.canonicalUrl(link))));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).contains("Caf\u00e9 \ufffd").contains(" talks");
    }

    @Test
    void anHtmlPageServedAsAFeedIsReportedAsSuch() {
        serve("/page.html", "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>"
                .getBytes(StandardCharsets.UTF_8), "Content-Type", "text/html; charset=utf-8");

        assertRecordedFailure(url("/page.html"), "parse_error", "HTML page");
    }

    @Test
    void aFiftyMegabyteFeedIsRefusedAtTheCap() {
        StringBuilder xml = new StringBuilder(52 * 1024 * 1024)
                .append("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
        String item = "<item><title>Same again</title><link>https://huge.example/a</link>"
                + "<description>" + "padding ".repeat(120) + "</description></item>\n";
        while (xml.length() < 50 * 1024 * 1024) {
            xml.append(item);
        }
        xml.append("</channel></rss>");
        serve("/huge.xml", xml.toString().getBytes(StandardCharsets.UTF_8));

        assertRecordedFailure(url("/huge.xml"), "too_large", "larger than the limit of 10485760 bytes");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeTheBodyIsRead() {
        // the body itself is small: only the Content-Length header can have refused it
        peers.stubFor(get("/declared.xml").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withHeader("Content-Length", Long.toString(64L * 1024 * 1024))
                .withBody("<rss version=\"2.0\"><channel><title>Small</title></channel></rss>")));

        assertRecordedFailure(url("/declared.xml"), "too_large", "larger than the limit of 10485760 bytes");
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefused() {
        peers.stubFor(get("/moved.xml").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));

        assertRecordedFailure(url("/moved.xml"), "refused", "169.254.169.254, a cloud metadata address");
    }
}
