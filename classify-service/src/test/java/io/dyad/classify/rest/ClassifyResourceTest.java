package io.dyad.classify.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.dyad.classify.Fixtures;
import io.dyad.classify.Fixtures.Article;
import io.dyad.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
class ClassifyResourceTest {

    @Test
    void classifiesAUsMexicoTradeStory() {
        Article a = Fixtures.article("us-mexico-trade");
        given().contentType(ContentType.JSON).body(Map.of("title", a.title(), "text", a.text()))
                .when().post("/classify")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("language", equalTo("en"))
                .body("countries.code", hasItem("US"))
                .body("countries.code", hasItem("MX"))
                .body("countries[0].score", org.hamcrest.Matchers.notNullValue())
                .body("countries[0].mentions", org.hamcrest.Matchers.greaterThan(1))
                .body("countries[0].evidence[0].field", equalTo("title"))
                .body("pairs.pair", equalTo(java.util.List.of("MX-US")))
                .body("pairs[0].evidence.field", everyItem(org.hamcrest.Matchers.oneOf("title", "text")))
                .body("issues[0].id", equalTo("trade"))
                .body("issues[0].iptc", equalTo("medtop:20000373"));
    }

    @Test
    void classifiesSpanishAndATitleAlone() {
        Article a = Fixtures.article("es-frontera");
        given().contentType(ContentType.JSON).body(Map.of("title", a.title(), "text", a.text()))
                .when().post("/classify")
                .then().statusCode(200)
                .body("language", equalTo("es"))
                .body("pairs.pair", hasItem("MX-US"))
                .body("issues.id", hasItem("border"));
        given().contentType(ContentType.JSON).body(Map.of("title", "Japan and Brazil sign a beef trade deal"))
                .when().post("/classify")
                .then().statusCode(200)
                .body("pairs.pair", equalTo(java.util.List.of("BR-JP")))
                .body("pairs.pair", not(hasItem("MX-US")));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"title\": \"Mexico\", ")
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"))
                .body("detail", startsWith("the request body is not valid JSON"))
                .body("instance", equalTo("/classify"));
        given().contentType(ContentType.JSON).body("{\"title\": {\"nested\": true}}")
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void missingOrBlankTitleAndTextAreAProblem() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("title and text are both missing or blank"));
        given().contentType(ContentType.JSON).body(Map.of("title", "  ", "text", "\n"))
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("required"));
    }

    @Test
    void oversizedInputIsAProblem() {
        given().contentType(ContentType.JSON).body(Map.of("title", "x", "text", "a".repeat(1_000_001)))
                .when().post("/classify")
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", equalTo("Text too large"))
                .body("detail", containsString("1000000"));
        given().contentType(ContentType.JSON).body(Map.of("title", "t".repeat(2001), "text", "Mexico"))
                .when().post("/classify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Title too long"));
    }

    @Test
    void wrongMediaTypeAndUnknownPathsAreProblems() {
        given().contentType(ContentType.TEXT).body("Mexico")
                .when().post("/classify")
                .then().statusCode(415).contentType("application/problem+json");
        given().when().get("/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void taxonomyListsTheIssuesAndTheCountries() {
        given().when().get("/taxonomy")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("issues", hasSize(24))
                .body("issues[0].id", equalTo("trade"))
                .body("issues[0].iptc", equalTo("medtop:20000373"))
                .body("issues[0].names.en", equalTo("Trade"))
                .body("issues[0].names.es", equalTo("Comercio"))
                .body("issues.iptc", everyItem(org.hamcrest.Matchers.matchesPattern("medtop:[0-9]{8}")))
                .body("countries.find { it.code == 'MX' }.names.es", equalTo("México"))
                .body("countries.find { it.code == 'US' }.names.en", equalTo("United States"))
                .body("countries.size()", org.hamcrest.Matchers.greaterThan(240));
    }

    @Test
    void healthMetricsAndApiDocsAreServed() {
        given().when().get("/q/health/live").then().statusCode(200);
        // the classifier loads alongside the start: readiness says when, by its own check
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'classifier' }.status", equalTo("UP"));
        given().contentType(ContentType.JSON).body(Map.of("title", "Mexico")).post("/classify").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("dyad_classify_duration"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/classify"))
                .body(containsString("/taxonomy"));
    }
}
