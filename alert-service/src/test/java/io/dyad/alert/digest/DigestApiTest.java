package io.dyad.alert.digest;

import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.dyad.alert.service.DigestService;
import io.dyad.alert.support.Api;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.TestKafka;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.contracts.Topics;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The frequency fields of the API: create, GET, PATCH, every mistake as problem+json, owners only, switching back. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class DigestApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    DigestService digests;

    private final String hook = WebhookReceiver.newHook();

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private Map<String, Object> body(Map<String, Object> frequency) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "US–Mexico", "filter", Map.of("pairs", List.of("US-MX")),
                "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hook))));
        if (frequency != null) {
            body.put("frequency", frequency);
        }
        return body;
    }

    private JsonPath create(RequestSpecification as, Map<String, Object> frequency) {
        return as.contentType(ContentType.JSON).body(body(frequency)).when().post("/subscriptions").then()
                .statusCode(201).extract().jsonPath();
    }

    @Test
    void theFrequencyIsSetOnCreateAnsweredByGetAndImmediateByDefault() {
        JsonPath immediate = create(asAdmin(), null);
        assertThat(immediate.getMap("frequency")).isEqualTo(Map.of("type", "immediate"));
        JsonPath hourly = create(asAdmin(), Map.of("type", "hourly"));
        assertThat(hourly.getString("frequency.timeZone")).isEqualTo("UTC");
        assertThat(Instant.parse(hourly.getString("frequency.nextDigestAt"))).isAfter(Instant.now())
                .isBefore(Instant.now().plus(Duration.ofHours(1)));
        JsonPath weekly = create(asAdmin(), Map.of("type", "WEEKLY", "time", "07:45", "timeZone", "Asia/Tokyo",
                "day", "Monday"));
        String id = weekly.getString("id");
        JsonPath got = asAdmin().when().get("/subscriptions/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(got.getString("frequency.type")).isEqualTo("weekly");
        assertThat(got.getString("frequency.time")).isEqualTo("07:45");
        assertThat(got.getString("frequency.timeZone")).isEqualTo("Asia/Tokyo");
        assertThat(got.getString("frequency.day")).isEqualTo("monday");
        var next = Instant.parse(got.getString("frequency.nextDigestAt")).atZone(ZoneId.of("Asia/Tokyo"));
        assertThat(next.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(next.toLocalTime()).isEqualTo("07:45");
        asAdmin().when().get("/subscriptions").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.frequency.day", equalTo("monday"));
        // renaming keeps the window; the preview works for digest subscriptions as for any
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "weekly, renamed")).when()
                .patch("/subscriptions/" + id).then().statusCode(200)
                .body("frequency.nextDigestAt", equalTo(got.getString("frequency.nextDigestAt")));
        asAdmin().when().get("/subscriptions/" + id + "/preview?since=P1D").then().statusCode(200)
                .body("stories", equalTo(0));
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM digest_schedules")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"minutely\"}|frequency.type \"minutely\" is not one of: immediate, hourly, daily, weekly",
            "{\"type\":\"daily\",\"timeZone\":\"Europe/Madrid\"}|frequency.time is required for daily digests",
            "{\"type\":\"daily\",\"time\":\"8:00\",\"timeZone\":\"Europe/Madrid\"}|frequency.time \"8:00\" is not a local time as HH:mm",
            "{\"type\":\"daily\",\"time\":\"08:00\"}|frequency.timeZone is required for daily digests",
            "{\"type\":\"daily\",\"time\":\"08:00\",\"timeZone\":\"Mars/Olympus\"}|frequency.timeZone \"Mars/Olympus\" is not an IANA time zone id",
            "{\"type\":\"weekly\",\"time\":\"08:00\",\"timeZone\":\"UTC\"}|frequency.day is required for weekly digests",
            "{\"type\":\"daily\",\"time\":\"08:00\",\"timeZone\":\"UTC\",\"day\":\"monday\"}|frequency.day does not apply to daily digests",
            "{\"type\":\"hourly\",\"time\":\"08:00\"}|frequency.time does not apply to hourly digests",
            "{\"type\":\"immediate\",\"timeZone\":\"UTC\"}|frequency.timeZone does not apply to immediate alerts"})
    void aBadFrequencyIsA400ProblemAndNothingIsStored(String frequency, String detail) throws Exception {
        Map<String, Object> body = body(null);
        body.put("frequency", TaggedArticleFixtures.MAPPER.readValue(frequency, Map.class));
        asAdmin().contentType(ContentType.JSON).body(body).when().post("/subscriptions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith(detail));
        String id = create(asAdmin(), null).getString("id");
        asAdmin().contentType(ContentType.JSON).body(Map.of("frequency", body.get("frequency")))
                .when().patch("/subscriptions/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith(detail));
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions")).isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions WHERE frequency <> "
                + "'immediate'")).isZero();
    }

    @Test
    void patchChangesNameAndFrequencyAndRefusesWhatItCannotChange() {
        String id = create(asAdmin(), null).getString("id");
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "renamed")).when().patch("/subscriptions/" + id)
                .then().statusCode(200).body("name", equalTo("renamed")).body("frequency.type", equalTo("immediate"));
        JsonPath daily = asAdmin().contentType(ContentType.JSON).body(Map.of("frequency", Map.of("type", "daily",
                "time", "18:30", "timeZone", "America/Mexico_City"))).when().patch("/subscriptions/" + id).then()
                .statusCode(200).extract().jsonPath();
        assertThat(daily.getString("name")).isEqualTo("renamed");
        assertThat(Instant.parse(daily.getString("frequency.nextDigestAt"))
                .atZone(ZoneId.of("America/Mexico_City")).toLocalTime()).isEqualTo("18:30");
        asAdmin().when().get("/subscriptions/" + id).then().body("frequency.time", equalTo("18:30"))
                .body("frequency.nextDigestAt", equalTo(daily.getString("frequency.nextDigestAt")));
        asAdmin().contentType(ContentType.JSON).body(Map.of("channel", Map.of("type", "slack"),
                "ownerId", "x")).when().patch("/subscriptions/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("detail",
                        startsWith("channel, ownerId are not changed by PATCH: only name, frequency and filter are"));
        asAdmin().contentType(ContentType.JSON).body(Map.of()).when().patch("/subscriptions/" + id).then()
                .statusCode(400).body("detail", startsWith("nothing to change"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", " ")).when().patch("/subscriptions/" + id)
                .then().statusCode(400).body("detail", equalTo("name must not be blank"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "x")).when()
                .patch("/subscriptions/00000000-0000-0000-0000-00000000abcd").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin().contentType(ContentType.JSON).body(Map.of("frequency", Map.of("type", "immediate")))
                .when().patch("/subscriptions/" + id).then().statusCode(200)
                .body("frequency.type", equalTo("immediate")).body("frequency.nextDigestAt", nullValue());
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM digest_schedules")).isZero();
    }

    @Test
    void anotherUsersDigestAndItsDeliveriesAre404() throws Exception {
        Api.TestUser ana = Api.newUser("Ana");
        Api.TestUser bo = Api.newUser("Bo");
        String anas = create(ana.request(), Map.of("type", "daily", "time", "08:00", "timeZone", "Europe/Madrid"))
                .getString("id");
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        await().atMost(WAIT).until(() -> ana.request().when().get("/subscriptions/" + anas + "/deliveries?status="
                + "QUEUED").then().extract().jsonPath().getList("$").size() == 1);
        digests.closeDue(Instant.parse(ana.request().when().get("/subscriptions/" + anas).then().extract()
                .path("frequency.nextDigestAt")).plusSeconds(1));
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() == 1);
        ana.request().when().get("/subscriptions/" + anas + "/deliveries?status=SENT").then().statusCode(200)
                .body("kind", equalTo(List.of("digest")));
        for (RequestSpecification other : List.of(bo.request(), asAdmin())) {
            other.when().get("/subscriptions/" + anas + "/deliveries").then().statusCode(404);
            other.when().get("/subscriptions/" + anas).then().statusCode(404);
            other.contentType(ContentType.JSON).body(Map.of("frequency", Map.of("type", "immediate")))
                    .when().patch("/subscriptions/" + anas).then().statusCode(404);
        }
        ana.request().when().get("/subscriptions/" + anas).then().statusCode(200)
                .body("frequency.type", equalTo("daily"));
    }

    @Test
    void switchingToImmediateSendsWhatWasGatheredAsOneLastDigestThenAlertsOneByOne() throws Exception {
        String id = create(asAdmin(), Map.of("type", "weekly", "time", "08:00", "timeZone", "UTC", "day", "sunday"))
                .getString("id");
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        publish(TaggedArticleFixtures.usMexicoTrade().build());
        await().atMost(WAIT).until(() -> asAdmin().when().get("/subscriptions/" + id + "/deliveries?status=QUEUED")
                .then().extract().jsonPath().getList("$").size() == 2);

        asAdmin().contentType(ContentType.JSON).body(Map.of("frequency", Map.of("type", "immediate")))
                .when().patch("/subscriptions/" + id).then().statusCode(200);

        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() == 1);
        JsonNode last = TaggedArticleFixtures.MAPPER.readTree(WebhookReceiver.calls(hook).get(0).getBodyAsString());
        // (read before the next alert: WireMock lists the newest call first)
        assertThat(last.get("type").asText()).isEqualTo("dyad.digest");
        assertThat(last.get("storyCount").asInt()).isEqualTo(2);
        assertThat(last.at("/window/frequency").asText()).isEqualTo("immediate");

        TaggedArticle next = TaggedArticleFixtures.usMexicoTrade().build();
        publish(next);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() == 2);
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (var call : WebhookReceiver.calls(hook)) {
            bodies.add(TaggedArticleFixtures.MAPPER.readTree(call.getBodyAsString()));
        }
        JsonNode alert = bodies.stream().filter(b -> !b.has("type")).findFirst().orElseThrow();
        assertThat(alert.at("/article/storyId").asText()).as("a single alert now").isEqualTo(next.storyId());
    }

    private static void publish(TaggedArticle article) {
        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));
    }
}
