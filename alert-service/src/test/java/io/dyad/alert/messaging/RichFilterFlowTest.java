package io.dyad.alert.messaging;

import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.dyad.alert.auth.Caller;
import io.dyad.alert.delivery.WebhookSignature;
import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.service.SubscriptionIndexHolder;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rich filters through the API, the real broker and database and a WireMock webhook: keyword queries (monitor and
 * candidate paths), countries "all", languages, sources, minimum score; bad queries as problem+json; changes made on
 * "another replica" picked up through the change counter.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class RichFilterFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionIndexHolder index;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        index.rebuild();
    }

    private static ValidatableResponse create(Map<String, Object> filter, String hook) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "rich", "filter", filter, "channel",
                        Map.of("type", "webhook", "url", WebhookReceiver.url(hook))))
                .when().post("/subscriptions").then();
    }

    private static void publish(TaggedArticle article) {
        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));
    }

    private void awaitStored(TaggedArticle article) {
        await().atMost(WAIT).until(() -> TestDatabase.count(dataSource,
                "SELECT count(*) FROM articles WHERE article_id = ?", article.articleId()) == 1);
    }

    private long deliveries(String subscriptionId) {
        return TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE subscription_id = ?::uuid",
                subscriptionId);
    }

    @Test
    void everyFilterFieldIsStoredAndShownInCanonicalForm() {
        Map<String, Object> filter = new HashMap<>();
        filter.put("countries", List.of("us", "MX"));
        filter.put("countryMode", "ALL");
        filter.put("issues", List.of("trade"));
        filter.put("query", " tariff* AND title:\"tariff rules\" ");
        filter.put("languages", List.of("EN"));
        filter.put("sources", List.of("Example Wire"));
        filter.put("minScore", 0.5);
        String id = create(filter, WebhookReceiver.newHook()).statusCode(201)
                .body("filter.countries", equalTo(List.of("MX", "US")))
                .body("filter.countryMode", equalTo("all"))
                .body("filter.query", equalTo("tariff* AND title:\"tariff rules\""))
                .body("filter.languages", equalTo(List.of("en")))
                .body("filter.sources", equalTo(List.of("example wire")))
                .body("filter.minScore", equalTo(0.5f))
                .extract().path("id");
        asAdmin().when().get("/subscriptions/" + id).then().statusCode(200)
                .body("filter.countryMode", equalTo("all")).body("filter.query", containsString("tariff*"));
        // the defaults of a plain subscription
        create(Map.of("pairs", List.of("US-MX")), WebhookReceiver.newHook()).statusCode(201)
                .body("filter.countryMode", equalTo("any")).body("filter.query", nullValue())
                .body("filter.languages", equalTo(List.of())).body("filter.minScore", nullValue());
    }

    @Test
    void badQueriesAndFieldsAre400ProblemsNamingTheError() {
        String hook = WebhookReceiver.newHook();
        problem(create(Map.of("query", "steel AND (tariff"), hook),
                "filter.query cannot be parsed: Cannot parse 'steel AND (tariff'");
        problem(create(Map.of("query", "author:smith"), hook), "filter.query unknown field author");
        problem(create(Map.of("query", "NOT steel"), hook), "not negated");
        problem(create(Map.of("countries", List.of("MX", "US"), "countryMode", "some"), hook),
                "filter.countryMode \"some\" is not one of: any, all");
        problem(create(Map.of("pairs", List.of("MX-US"), "languages", List.of("xx1")), hook),
                "is not an ISO 639-1 language code");
        problem(create(Map.of("pairs", List.of("MX-US"), "minScore", 2), hook), "filter.minScore must be between");
        problem(create(Map.of("pairs", List.of("MX-US"), "minScore", "high"), hook), "minScore");
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions")).isZero();
    }

    private static void problem(ValidatableResponse response, String detail) {
        response.statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", containsString(detail));
    }

    @Test
    void articlesAreMatchedOnKeywordsCountriesLanguagesSourcesAndScores() {
        String hook = WebhookReceiver.newHook();
        String keywordsOnly = create(Map.of("query", "steel AND tariffs"), hook).statusCode(201).extract().path("id");
        String pairAndPhrase = create(Map.of("pairs", List.of("US-MX"), "query", "\"trade accord\""), hook)
                .statusCode(201).extract().path("id");
        String pairWrongWords = create(Map.of("pairs", List.of("US-MX"), "query", "title:aluminium"), hook)
                .statusCode(201).extract().path("id");
        String allCountries = create(Map.of("countries", List.of("MX", "US"), "countryMode", "all"), hook)
                .statusCode(201).extract().path("id");
        String allWithCanada = create(Map.of("countries", List.of("MX", "CA"), "countryMode", "all"), hook)
                .statusCode(201).extract().path("id");
        String spanishOnly = create(Map.of("pairs", List.of("MX-US"), "languages", List.of("es")), hook)
                .statusCode(201).extract().path("id");
        String otherSource = create(Map.of("pairs", List.of("MX-US"), "sources", List.of("other wire")), hook)
                .statusCode(201).extract().path("id");
        String strict = create(Map.of("pairs", List.of("MX-US"), "issues", List.of("migration"), "minScore", 0.7),
                hook).statusCode(201).extract().path("id");
        String issueOnly = create(Map.of("issues", List.of("migration")), hook).statusCode(201).extract().path("id");

        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
        publish(article);
        awaitStored(article);

        assertThat(deliveries(keywordsOnly)).isEqualTo(1);
        assertThat(deliveries(pairAndPhrase)).isEqualTo(1);
        assertThat(deliveries(allCountries)).isEqualTo(1);
        assertThat(deliveries(issueOnly)).isEqualTo(1);
        assertThat(deliveries(pairWrongWords)).isZero();
        assertThat(deliveries(allWithCanada)).isZero();
        assertThat(deliveries(spanishOnly)).isZero();
        assertThat(deliveries(otherSource)).isZero();
        assertThat(deliveries(strict)).isZero();
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 4);
        assertThat(WebhookReceiver.calls(hook)).hasSize(4);

        // Japan–Brazil: none of them
        TaggedArticle other = TaggedArticleFixtures.japanBrazilTrade().build();
        publish(other);
        awaitStored(other);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE article_id = ?",
                other.articleId())).isZero();
    }

    @Test
    void aPatchedFilterDecidesFromTheNextArticleOnAndABadOneChangesNothing() {
        String hook = WebhookReceiver.newHook();
        String id = create(Map.of("pairs", List.of("JP-BR")), hook).statusCode(201).extract().path("id");

        TaggedArticle soy = TaggedArticleFixtures.japanBrazilTrade().build();
        publish(soy);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() == 1);

        // a bad filter is refused whole: the stored one stays
        problem(asAdmin().contentType(ContentType.JSON).body(Map.of("filter", Map.of("pairs", List.of("MX-US"),
                "query", "steel AND (tariff"))).when().patch("/subscriptions/" + id).then(), "filter.query");
        problem(asAdmin().contentType(ContentType.JSON).body(Map.of("filter", Map.of("languages", List.of("en"))))
                .when().patch("/subscriptions/" + id).then(), "filter needs at least one pair");
        problem(asAdmin().contentType(ContentType.JSON).body(Map.of("filter", Map.of("pairs", List.of("MX-US")),
                "channel", Map.of("type", "slack"))).when().patch("/subscriptions/" + id).then(),
                "channel is not changed by PATCH");
        asAdmin().when().get("/subscriptions/" + id).then().body("filter.pairs", equalTo(List.of("BR-JP")));

        // the whole filter is replaced: fields left out are emptied
        asAdmin().contentType(ContentType.JSON).body(Map.of("filter", Map.of("pairs", List.of("us-mx"),
                "issues", List.of("trade"), "query", "tariff*"))).when().patch("/subscriptions/" + id).then()
                .statusCode(200).body("filter.pairs", equalTo(List.of("MX-US")))
                .body("filter.issues", equalTo(List.of("trade"))).body("filter.query", equalTo("tariff*"))
                .body("filter.countries", equalTo(List.of())).body("channel.url", containsString("…"));
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions WHERE pairs = '{MX-US}'"
                + " AND issues = '{trade}' AND query = 'tariff*'")).isEqualTo(1);

        TaggedArticle tariffs = TaggedArticleFixtures.usMexicoTrade().build();
        publish(tariffs);
        awaitStored(tariffs);
        TaggedArticle moreSoy = TaggedArticleFixtures.japanBrazilTrade().build();
        publish(moreSoy);
        awaitStored(moreSoy);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() >= 2);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE article_id = ?",
                tariffs.articleId())).isEqualTo(1);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM deliveries WHERE article_id = ?",
                moreSoy.articleId())).isZero();
        assertThat(deliveries(id)).isEqualTo(2);
    }

    @Test
    void aKeywordSubscriptionMadeOrDeletedOnAnotherReplicaIsPickedUpByTheRefresh() {
        String hook = WebhookReceiver.newHook();
        String id = UUID.randomUUID().toString();
        // another replica writes the row: this replica learns of it only through the change counter and the refresh
        TestDatabase.execute(dataSource, "INSERT INTO subscriptions (id, owner_id, signing_secret, name, pairs,"
                + " countries, issues, query, channel_type, channel_url) VALUES ('" + id + "', '"
                + Caller.ADMIN_USER_ID + "', '" + WebhookSignature.newSecret() + "', 'other replica', '{}',"
                + " '{}', '{}', 'soybean*', 'webhook', '" + WebhookReceiver.url(hook) + "')");
        await().atMost(WAIT).until(() -> index.current().monitoredCount() == 1);

        TaggedArticle soy = TaggedArticleFixtures.japanBrazilTrade().build();
        publish(soy);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() == 1);

        // its query changed elsewhere: the monitor re-registers it
        TestDatabase.execute(dataSource, "UPDATE subscriptions SET query = 'steel' WHERE id = '" + id + "'");
        await().atMost(WAIT).until(() -> index.current()
                .match(ArticleTags.of(TaggedArticleFixtures.japanBrazilTrade().build())).isEmpty());
        TaggedArticle steel = TaggedArticleFixtures.usMexicoTrade().build();
        publish(steel);
        await().atMost(WAIT).until(() -> WebhookReceiver.calls(hook).size() == 2);

        TestDatabase.execute(dataSource, "DELETE FROM subscriptions WHERE id = '" + id + "'");
        await().atMost(WAIT).until(() -> index.current().size() == 0 && index.current().monitoredCount() == 0);
    }
}
