package io.dyad.alert.rest;

import static io.dyad.alert.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.dyad.alert.service.ArticleIntakeService;
import io.dyad.alert.service.ArticleRetentionJob;
import io.dyad.alert.service.SubscriptionIndexHolder;
import io.dyad.alert.support.Api;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.contracts.TaggedArticle;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Previews (backtests) over articles stored in the real database, two-user access, and the retention clean-up. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class PreviewTest {

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    ArticleIntakeService intake;

    @Inject
    ArticleRetentionJob retention;

    private TaggedArticle first;
    private TaggedArticle sameStoryOtherOutlet;
    private TaggedArticle secondStory;
    private TaggedArticle japanBrazil;
    private TaggedArticle old;

    @BeforeEach
    void storeArticles() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
        first = TaggedArticleFixtures.usMexicoTrade().build();
        sameStoryOtherOutlet = TaggedArticleFixtures.usMexicoTrade().storyId(first.storyId()).source("Other Daily")
                .build();
        secondStory = TaggedArticleFixtures.usMexicoTrade().build();
        japanBrazil = TaggedArticleFixtures.japanBrazilTrade().build();
        old = TaggedArticleFixtures.usMexicoTrade().build();
        for (TaggedArticle a : List.of(first, sameStoryOtherOutlet, secondStory, japanBrazil, old)) {
            intake.store(a);
        }
        receivedDaysAgo(first, 3);
        receivedDaysAgo(sameStoryOtherOutlet, 2);
        receivedDaysAgo(secondStory, 1);
        receivedDaysAgo(japanBrazil, 1);
        receivedDaysAgo(old, 10);
    }

    private void receivedDaysAgo(TaggedArticle a, int days) {
        TestDatabase.execute(dataSource, "UPDATE articles SET received_at = now() - interval '" + days + " days'"
                + " WHERE article_id = '" + a.articleId() + "'");
    }

    private static ValidatableResponse preview(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).when().post("/subscriptions/preview").then();
    }

    @Test
    void aFilterPreviewShowsOneArticlePerStoryNewestFirstWithTheWhy() {
        JsonPath json = preview(Map.of("filter", Map.of("pairs", List.of("US-MX"), "issues", List.of("trade")),
                "since", "P7D")).statusCode(200).extract().jsonPath();

        assertThat(json.getInt("articlesScanned")).isEqualTo(4); // the 10-day-old one is outside the window
        assertThat(json.getBoolean("truncated")).isFalse();
        assertThat(json.getInt("stories")).isEqualTo(2);
        // newest story first; the first story shows the article the outbox would have sent (the first one)
        assertThat(json.getList("matches.articleId", String.class))
                .containsExactly(secondStory.articleId(), first.articleId());
        assertThat(json.getList("matches[0].matched.pairs", String.class)).containsExactly("MX-US");
        assertThat(json.getList("matches[0].matched.issues", String.class)).containsExactly("trade");
        assertThat(json.getList("matches[0].evidence.text", String.class))
                .contains("Officials from Mexico and the United States", "trade accord");
        assertThat(json.getString("matches[0].title")).isEqualTo(TaggedArticleFixtures.US_MX_TITLE);

        // a longer window reaches the old article; a limit cuts the list, not the count
        JsonPath month = preview(Map.of("filter", Map.of("pairs", List.of("MX-US")), "since", "P30D", "limit", 1))
                .statusCode(200).extract().jsonPath();
        assertThat(month.getInt("stories")).isEqualTo(3);
        assertThat(month.getList("matches")).hasSize(1);
    }

    @Test
    void keywordQueriesAndTheDefaultWindow() {
        JsonPath json = preview(Map.of("filter", Map.of("query", "soybean* OR title:brazil"))).statusCode(200)
                .extract().jsonPath();
        assertThat(json.getList("matches.articleId", String.class)).containsExactly(japanBrazil.articleId());
        assertThat(json.getInt("articlesScanned")).isEqualTo(4); // default P7D
    }

    @Test
    void badPreviewsAre400Problems() {
        problem(preview(Map.of("filter", Map.of("pairs", List.of("MX-US")), "since", "a week")),
                "since \"a week\" is not an ISO-8601 duration such as P7D or PT12H");
        problem(preview(Map.of("filter", Map.of("pairs", List.of("MX-US")), "since", "P40D")),
                "is longer than the 30-day retention window");
        problem(preview(Map.of("filter", Map.of("pairs", List.of("MX-US")), "since", "-P1D")), "positive");
        problem(preview(Map.of("filter", Map.of("query", "steel AND (tariff"))), "filter.query cannot be parsed");
        problem(preview(Map.of("filter", Map.of())), "filter needs at least one pair");
        problem(preview(Map.of("filter", Map.of("pairs", List.of("MX-US")), "limit", 0)), "limit must be between");
        problem(preview(Map.of("since", "P1D")), "filter");
    }

    private static void problem(ValidatableResponse response, String detail) {
        response.statusCode(400).contentType("application/problem+json").body("detail", containsString(detail));
    }

    @Test
    void aSubscriptionsPreviewIsItsOwnersOnly() {
        Api.TestUser ana = Api.newUser("Ana");
        Api.TestUser ben = Api.newUser("Ben");
        String id = ana.request().contentType(ContentType.JSON)
                .body(Map.of("name", "us-mx", "filter", Map.of("pairs", List.of("MX-US")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(WebhookReceiver.newHook()))))
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");

        ana.request().queryParam("since", "P7D").when().get("/subscriptions/" + id + "/preview").then()
                .statusCode(200).body("stories", equalTo(2));
        ben.request().when().get("/subscriptions/" + id + "/preview").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin().when().get("/subscriptions/" + id + "/preview").then().statusCode(404);
        given().when().get("/subscriptions/" + id + "/preview").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("filter", Map.of("pairs", List.of("MX-US"))))
                .when().post("/subscriptions/preview").then().statusCode(401);
        ben.request().contentType(ContentType.JSON).body(Map.of("filter", Map.of("pairs", List.of("MX-US"))))
                .when().post("/subscriptions/preview").then().statusCode(200).body("stories", equalTo(2));
        ana.request().queryParam("since", "soon").when().get("/subscriptions/" + id + "/preview").then()
                .statusCode(400).contentType("application/problem+json");
        ana.request().when().get("/subscriptions/not-a-uuid/preview").then().statusCode(404);
    }

    @Test
    void retentionDeletesExpiredArticlesThatNoDeliveryNeeds() {
        TaggedArticle expired = TaggedArticleFixtures.japanBrazilTrade().build();
        TaggedArticle expiredButDelivered = TaggedArticleFixtures.usMexicoTrade().build();
        String hook = WebhookReceiver.url(WebhookReceiver.newHook());
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "us-mx", "filter",
                Map.of("pairs", List.of("MX-US")), "channel", Map.of("type", "webhook", "url", hook)))
                .when().post("/subscriptions").then().statusCode(201);
        intake.store(expired);
        intake.store(expiredButDelivered);
        receivedDaysAgo(expired, 31);
        receivedDaysAgo(expiredButDelivered, 31);

        assertThat(retention.cleanUp()).isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles WHERE article_id = ?",
                expired.articleId())).isZero();
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles WHERE article_id = ?",
                expiredButDelivered.articleId())).isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM articles")).isEqualTo(6);
    }
}
