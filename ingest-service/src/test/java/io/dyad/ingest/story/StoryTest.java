package io.dyad.ingest.story;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.Peers;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.ingest.testing.StoryTexts;
import io.dyad.ingest.testing.TestFeeds;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicate stories end to end: copies of one wire story arriving from different feeds and the API share one
 * storyId on the broker; different articles on the same topic stay separate; the window bounds the lookup.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class StoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer feeds;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void start() {
        feeds = Peers.wireMock();
    }

    @AfterAll
    static void stop() {
        feeds.stop();
    }

    private static String id(String link) {
        return ArticleIds.articleId(ArticleIds.canonicalUrl(link));
    }

    private static String html(String text) {
        return "<p>" + text.replace("\n\n", "</p><p>") + "</p>";
    }

    /** A source whose feed holds one item with this text; fetched once. */
    private long feedWith(String token, String name, String title, String link, String text) {
        String path = "/" + token + "/" + name + ".xml";
        feeds.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/rss+xml")
                .withBody(TestFeeds.rss(name, List.of(new TestFeeds.Item(title, link, "Lead.", html(text)))))));
        long source = given().contentType(ContentType.JSON)
                .body(Map.of("name", name + " " + token, "url", Peers.url(feeds, path)))
                .post("/sources").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/sources/" + source + "/fetch").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("ok"))
                .body("published", org.hamcrest.Matchers.equalTo(1));
        return source;
    }

    private static String submit(String url, String title, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "title", title, "text", text))
                .post("/articles").then().statusCode(202).extract().jsonPath().getString("storyId");
    }

    @Test
    void rewrittenCopiesFromOtherSourcesJoinTheFirstArticlesStoryAndSameTopicArticlesStaySeparate()
            throws Exception {
        // a fixed tag per test (the database is new for every run): MinHash estimates then do not vary from run to run
        String t = "qrewrite";
        String tag = t;
        String wire = "https://wire.example/" + t + "/santa-elena";
        String edited = "https://border-daily.example/" + t + "/crossing-reopens";
        String localised = "https://laredo-news.example/" + t + "/what-it-means";
        String follow = "https://wire.example/" + t + "/still-waiting";
        String opinion = "https://views.example/" + t + "/announcements";

        feedWith(t, "wire", StoryTexts.WIRE_TITLE, wire, StoryTexts.tagged(StoryTexts.WIRE, tag));
        feedWith(t, "border-daily", StoryTexts.COPY_EDITED_TITLE, edited,
                StoryTexts.tagged(StoryTexts.COPY_EDITED, tag));
        String localisedStory = submit(localised, StoryTexts.COPY_LOCALISED_TITLE,
                StoryTexts.tagged(StoryTexts.COPY_LOCALISED, tag));
        feedWith(t, "wire-follow-up", StoryTexts.SAME_TOPIC_TITLE, follow,
                StoryTexts.tagged(StoryTexts.SAME_TOPIC, tag));
        String opinionStory = submit(opinion, StoryTexts.SAME_TOPIC_2_TITLE,
                StoryTexts.tagged(StoryTexts.SAME_TOPIC_2, tag));

        assertThat(localisedStory).isEqualTo(id(wire));
        assertThat(opinionStory).isEqualTo(id(opinion));

        List<ConsumerRecord<String, String>> records =
                RawTopic.withKeys(List.of(id(wire), id(edited), id(localised), id(follow), id(opinion)));
        Map<String, JsonNode> byKey = records.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> {
            try {
                return JSON.readTree(r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(byKey).hasSize(5);
        // the three copies (two feeds and the API) share the first one's story
        assertThat(byKey.get(id(wire)).get("storyId").asText()).isEqualTo(id(wire));
        assertThat(byKey.get(id(edited)).get("storyId").asText()).isEqualTo(id(wire));
        assertThat(byKey.get(id(localised)).get("storyId").asText()).isEqualTo(id(wire));
        // same people, places and vocabulary, different stories
        assertThat(byKey.get(id(follow)).get("storyId").asText()).isEqualTo(id(follow));
        assertThat(byKey.get(id(opinion)).get("storyId").asText()).isEqualTo(id(opinion));

        // every replica sees it: the signature and bands are in the database
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT length(minhash), cardinality(lsh_bands), story_id "
                        + "FROM seen_articles WHERE article_id = ?")) {
            q.setString(1, id(edited));
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(MinHasher.HASHES * 4);
                assertThat(rs.getInt(2)).isEqualTo(MinHasher.BANDS);
                assertThat(rs.getString(3)).isEqualTo(id(wire));
            }
        }
    }

    @Test
    void aCopyOfAnArticleOlderThanTheWindowStartsANewStory() throws Exception {
        String t = "wwindow";
        String tag = t;
        String old = "https://wire.example/" + t + "/old";
        String copy = "https://other.example/" + t + "/copy";
        String recent = "https://third.example/" + t + "/copy-again";
        assertThat(submit(old, "Old", StoryTexts.tagged(StoryTexts.WIRE, tag))).isEqualTo(id(old));
        try (Connection c = dataSource.getConnection();
                PreparedStatement u = c.prepareStatement(
                        "UPDATE seen_articles SET first_seen_at = now() - interval '4 days' WHERE article_id = ?")) {
            u.setString(1, id(old));
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
        // the default window is three days: the old article is not looked at
        assertThat(submit(copy, "Copy", StoryTexts.tagged(StoryTexts.COPY_EDITED, tag))).isEqualTo(id(copy));
        // a later copy joins the story that is within the window (a copy well above the threshold: this test is
        // about the window, not about where the threshold falls)
        assertThat(submit(recent, "Copy again",
                StoryTexts.tagged(StoryTexts.COPY_EDITED + "\n\nReporting by the wire desk.", tag)))
                .isEqualTo(id(copy));
    }

    @Test
    void copiesArrivingAtTheSameMomentStillShareOneStory() throws Exception {
        // five copies posted at once, as five replicas' workers would: the band locks serialise them, so the first
        // to commit founds the story and every other joins it
        String t = "cconcurrent";
        String tag = t;
        // copies well above the threshold of one another, so the outcome cannot depend on which commits first
        String[] texts = {StoryTexts.WIRE, StoryTexts.WIRE + "\n\nThis story was updated.",
                StoryTexts.WIRE + "\n\nReporting by the wire desk.", StoryTexts.WIRE + "\n\nCorrects a date.",
                StoryTexts.WIRE + "\n\nAdds a comment from the customs agency."};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(texts.length);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> stories = new java.util.ArrayList<>();
            List<String> urls = new java.util.ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                String url = "https://site" + i + ".example/" + t + "/crossing";
                String text = StoryTexts.tagged(texts[i], tag);
                urls.add(url);
                stories.add(pool.submit(() -> {
                    go.await();
                    return submit(url, "Copy", text);
                }));
            }
            go.countDown();
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> f : stories) {
                distinct.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(urls.stream().map(StoryTest::id).toList()).contains(distinct.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shortTextsAreNotComparedSoTwoBriefsOnOneTopicStaySeparate() {
        String t = UUID.randomUUID().toString();
        String a = "https://wire.example/" + t + "/brief-a";
        String b = "https://wire.example/" + t + "/brief-b";
        String brief = "Mexico and the United States agreed to reopen the Santa Elena crossing " + t + ".";
        assertThat(submit(a, "Brief", brief)).isEqualTo(id(a));
        assertThat(submit(b, "Brief two", brief + " Trucks return next month.")).isEqualTo(id(b));
    }
}
