package io.dyad.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class OperationsEndpointsTest {

    @Test
    void livenessAndReadinessReflectKafkaAndTheDatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")))
                // the Kafka connector's readiness: the articles-tagged consumer is connected
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.articles-tagged", equalTo("[OK]"));
    }

    @Test
    void prometheusMetricsIncludeTheServiceMeters() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("dyad_alert_matches_total"))
                .body(containsString("dyad_alert_articles_total"))
                .body(containsString("dyad_alert_deliveries_total{channel=\"webhook\",outcome=\"sent\"}"))
                .body(containsString("dyad_alert_delivery_latency_seconds"))
                .body(containsString("dyad_alert_index_subscriptions"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/subscriptions/{id}/deliveries"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
