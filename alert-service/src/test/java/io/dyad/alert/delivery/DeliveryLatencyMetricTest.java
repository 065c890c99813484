package io.dyad.alert.delivery;

import static io.dyad.alert.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publication → delivery latency timer on /q/metrics records each delivered alert with its real latency. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class DeliveryLatencyMetricTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private static double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.Ee+-]+)$").matcher(body);
        assertThat(m.find()).as(name + " on /q/metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }

    @Test
    void eachDeliveredAlertIsTimedFromPublication() {
        double count = metric("dyad_alert_delivery_latency_seconds_count");
        double sum = metric("dyad_alert_delivery_latency_seconds_sum");
        double queued = metric("dyad_alert_delivery_queue_latency_seconds_count");
        String hook = WebhookReceiver.newHook();
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", "US–Mexico", "filter", Map.of("pairs", List.of("US-MX")),
                        "channel", Map.of("type", "webhook", "url", WebhookReceiver.url(hook))))
                .when().post("/subscriptions").then().statusCode(201);
        // published 90 s before it reaches us
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().publishedAt(Instant.now().minusSeconds(90))
                .build();

        TestKafka.send(Topics.ARTICLES_TAGGED, article.articleId(), TaggedArticleFixtures.json(article));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric("dyad_alert_delivery_latency_seconds_count") == count + 1);
        double recorded = metric("dyad_alert_delivery_latency_seconds_sum") - sum;
        assertThat(recorded).isBetween(90.0, 150.0);
        assertThat(metric("dyad_alert_delivery_queue_latency_seconds_count")).isEqualTo(queued + 1);
        // a histogram, so Prometheus can compute percentiles across replicas
        assertThat(given().when().get("/q/metrics").then().extract().asString())
                .contains("dyad_alert_delivery_latency_seconds_bucket{le=");
    }
}
