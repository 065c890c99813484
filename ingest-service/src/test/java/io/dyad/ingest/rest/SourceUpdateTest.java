package io.dyad.ingest.rest;

import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PATCH /sources/{id}: poll bounds, hints, enabled, link settings, with the checks of POST. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class SourceUpdateTest {

    private static long create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/sources").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static io.restassured.response.ValidatableResponse patch(long id, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).patch("/sources/" + id).then();
    }

    @Test
    void boundsHintsAndNameChangeAndAreCheckedLikeOnCreate() {
        long id = create(Map.of("name", "Patch me", "url", "https://patch.example/" + UUID.randomUUID(),
                "language", "en"));
        patch(id, Map.of("minPollInterval", "PT10M", "maxPollInterval", "PT3H", "name", "Patched",
                "country", "mx", "language", "")).statusCode(200)
                .body("name", equalTo("Patched"))
                .body("minPollInterval", equalTo("PT10M")).body("maxPollInterval", equalTo("PT3H"))
                .body("pollInterval", equalTo("PT10M")) // the current interval moved into the new bounds
                .body("country", equalTo("MX")).body("language", nullValue());
        patch(id, Map.of("maxPollInterval", "PT5M")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("maxPollInterval"))
                .body("detail", equalTo("maxPollInterval (PT5M) must not be shorter than the lower bound (PT10M)"));
        patch(id, Map.of("country", "Mexico")).statusCode(400).body("errors[0].field", equalTo("country"));
        patch(id, Map.of("name", " ")).statusCode(400).body("errors[0].field", equalTo("name"));
        patch(id, Map.of("linkSelector", "a")).statusCode(400)
                .body("detail", equalTo("linkSelector and linkPattern are only for sources of type \"web\""));
        // nothing of the refused changes was applied
        given().get("/sources/" + id).then().body("maxPollInterval", equalTo("PT3H")).body("name", equalTo("Patched"));
        patch(987654321L, Map.of("name", "x")).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void disablingStopsPollingAndEnablingMakesTheSourceDueNow() {
        long id = create(Map.of("name", "Toggle", "url", "https://toggle.example/" + UUID.randomUUID()));
        patch(id, Map.of("enabled", false)).statusCode(200).body("enabled", equalTo(false))
                .body("status", equalTo("DISABLED"));
        patch(id, Map.of("enabled", true)).statusCode(200).body("enabled", equalTo(true))
                .body("status", equalTo("ACTIVE"));
        Instant next = Instant.parse(given().get("/sources/" + id).jsonPath().getString("nextFetchAt"));
        assertThat(next).isCloseTo(Instant.now(), within(30, ChronoUnit.SECONDS));
    }

    @Test
    void aWebSourcesLinkSettingsCanChange() {
        long id = create(Map.of("name", "Web", "url", "https://web-patch.example/" + UUID.randomUUID(),
                "type", "web", "linkSelector", "h2 a"));
        patch(id, Map.of("linkPattern", "/news/")).statusCode(200)
                .body("linkSelector", equalTo("h2 a")).body("linkPattern", equalTo("/news/"));
        patch(id, Map.of("linkSelector", "")).statusCode(200).body("linkSelector", nullValue());
        patch(id, Map.of("linkPattern", "")).statusCode(400).body("errors[0].field", equalTo("linkSelector"));
        patch(id, Map.of("linkPattern", "(")).statusCode(400).body("errors[0].field", equalTo("linkPattern"));
    }
}
