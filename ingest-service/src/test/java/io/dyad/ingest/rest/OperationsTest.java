package io.dyad.ingest.rest;

import static io.dyad.ingest.testing.Admin.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Health, metrics and API documentation. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class OperationsTest {

    @Test
    void readinessReflectsTheDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void metricsCountPublishedArticlesAndFetches() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://news.example/" + UUID.randomUUID(), "title", "Metric", "text", "Counted."))
                .post("/articles").then().statusCode(202);
        long id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Metrics", "url", "http://127.0.0.1:9/" + UUID.randomUUID() + ".xml"))
                .post("/sources").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/sources/" + id + "/fetch").then().statusCode(200);

        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("dyad_ingest_articles_published_total{source_type=\"api\""))
                .body(containsString("dyad_ingest_fetches_total{outcome=\"network_error\""))
                .body(containsString("dyad_ingest_fetch_duration_seconds_count{outcome=\"network_error\""))
                .body(containsString("dyad_ingest_publish_duration_seconds_count"));
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/sources"))
                .body("paths", org.hamcrest.Matchers.hasKey("/sources/{id}/fetch"))
                .body("paths", org.hamcrest.Matchers.hasKey("/articles"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
