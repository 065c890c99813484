package io.dyad.ingest.rest;

import static io.dyad.ingest.testing.Admin.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class SourceResourceTest {

    private static String uniqueUrl() {
        return "http://127.0.0.1:9/feeds/" + UUID.randomUUID() + ".xml";
    }

    private static String body(String name, String url, String type, String pollInterval) {
        StringBuilder json = new StringBuilder("{");
        if (name != null) {
            json.append("\"name\":\"").append(name).append("\",");
        }
        if (url != null) {
            json.append("\"url\":\"").append(url).append("\",");
        }
        if (type != null) {
            json.append("\"type\":\"").append(type).append("\",");
        }
        if (pollInterval != null) {
            json.append("\"pollInterval\":\"").append(pollInterval).append("\",");
        }
        if (json.length() > 1) {
            json.setLength(json.length() - 1);
        }
        return json.append("}").toString();
    }

    @Test
    void createsReadsListsAndDeletesASource() {
        String url = uniqueUrl();
        int id = given().contentType(ContentType.JSON).body(body("Harbour Gazette", url, "rss", "PT15M"))
                .when().post("/sources")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", notNullValue())
                .body("id", notNullValue())
                .body("name", equalTo("Harbour Gazette"))
                .body("url", equalTo(url))
                .body("type", equalTo("rss"))
                .body("pollInterval", equalTo("PT15M"))
                .body("status", equalTo("ACTIVE"))
                .body("consecutiveFailures", equalTo(0))
                .body("lastFetchAt", nullValue())
                .body("lastStatus", nullValue())
                .body("lastError", nullValue())
                .body("nextFetchAt", notNullValue())
                .body("createdAt", notNullValue())
                .extract().path("id");

        String location = given().contentType(ContentType.JSON).body(body("Other", uniqueUrl(), null, null))
                .post("/sources").then().statusCode(201).extract().header("Location");
        int otherId = given().when().get(location).then().statusCode(200).extract().path("id");
        org.assertj.core.api.Assertions.assertThat(location).endsWith("/sources/" + otherId);

        given().when().get("/sources/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("url", equalTo(url));

        given().when().get("/sources")
                .then().statusCode(200)
                .body("url", hasItem(url));

        given().when().delete("/sources/" + id).then().statusCode(204);
        given().when().get("/sources/" + id).then().statusCode(404);
        given().when().delete("/sources/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void typeAndPollIntervalHaveDefaults() {
        given().contentType(ContentType.JSON).body(body("Defaults", uniqueUrl(), null, null))
                .when().post("/sources")
                .then().statusCode(201)
                .body("type", equalTo("rss"))
                .body("pollInterval", equalTo("PT5M"));
    }

    @Test
    void anUnknownIdIsA404Problem() {
        given().when().get("/sources/999999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("no source with id 999999999"))
                .body("instance", equalTo("/sources/999999999"))
                .body("type", endsWith("/not-found"));
        given().when().get("/sources/not-a-number")
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().when().post("/sources/999999999/fetch")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no source with id 999999999"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"url\": ")
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"))
                .body("detail", containsString("not valid JSON"))
                .body("instance", equalTo("/sources"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("cannot be read"));
    }

    @Test
    void aMissingBodyIsA400Problem() {
        given().contentType(ContentType.JSON)
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("a JSON body is required"));
    }

    @Test
    void aMissingNameIsA400ProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(body(null, uniqueUrl(), "rss", "PT5M"))
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("name: name is required"))
                .body("errors[0].field", equalTo("name"));
        given().contentType(ContentType.JSON).body(body("  ", uniqueUrl(), "rss", "PT5M"))
                .when().post("/sources")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void badUrlsAreA400Problem() {
        given().contentType(ContentType.JSON).body(body("Bad", "not a url", "rss", null))
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("is not a valid URL"))
                .body("errors[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body(body("Relative", "/feeds/rss.xml", "rss", null))
                .when().post("/sources")
                .then().statusCode(400)
                .body("detail", containsString("must be an absolute http or https URL"));
        given().contentType(ContentType.JSON).body(body("Ftp", "ftp://files.example/feed.xml", "rss", null))
                .when().post("/sources")
                .then().statusCode(400)
                .body("detail", containsString("only absolute http and https URLs are allowed"));
        given().contentType(ContentType.JSON).body(body("No url", null, "rss", null))
                .when().post("/sources")
                .then().statusCode(400)
                .body("detail", equalTo("url: url is required"));
    }

    @Test
    void anUnsupportedTypeIsA400ProblemListingTheSupportedTypes() {
        given().contentType(ContentType.JSON).body(body("Ftp", uniqueUrl(), "ftp", null))
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("type \"ftp\" is not supported; supported types: rss, sitemap, web"))
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void aBadPollIntervalIsA400Problem() {
        given().contentType(ContentType.JSON).body(body("Bad interval", uniqueUrl(), "rss", "5 minutes"))
                .when().post("/sources")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("is not an ISO-8601 duration"))
                .body("errors[0].field", equalTo("pollInterval"));
        given().contentType(ContentType.JSON).body(body("Too often", uniqueUrl(), "rss", "PT30S"))
                .when().post("/sources")
                .then().statusCode(400)
                .body("detail", equalTo("pollInterval must be between PT1M and P1D, not PT30S"));
        given().contentType(ContentType.JSON).body(body("Too rare", uniqueUrl(), "rss", "P2D"))
                .when().post("/sources")
                .then().statusCode(400)
                .body("detail", equalTo("pollInterval must be between PT1M and P1D, not P2D"));
        given().contentType(ContentType.JSON).body(body("Daily", uniqueUrl(), "rss", "P1D"))
                .when().post("/sources")
                .then().statusCode(201)
                .body("pollInterval", equalTo("PT24H"));
    }

    @Test
    void aDuplicateUrlIsA409Problem() {
        String url = uniqueUrl();
        int id = given().contentType(ContentType.JSON).body(body("First", url, "rss", null))
                .post("/sources").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(body("Second", url, "rss", null))
                .when().post("/sources")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("a source with the URL " + url + " already exists (id " + id + ")"));
    }

    @Test
    void aWrongMediaTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("name=x")
                .when().post("/sources")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }
}
