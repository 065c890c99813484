package io.dyad.alert.rest;

import static io.dyad.alert.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.dyad.alert.support.TestDatabase;
import io.dyad.alert.support.WebhookReceiver;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "alert_test"))
class SubscriptionResourceTest {

    @Inject
    DataSource dataSource;

    private final String hookUrl = WebhookReceiver.url(WebhookReceiver.newHook());

    @BeforeEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
    }

    private Map<String, Object> body(List<String> pairs, List<String> countries, List<String> issues, String type,
            String url) {
        return Map.of("name", "US–Mexico trade", "filter", Map.of("pairs", pairs, "countries", countries,
                "issues", issues), "channel", Map.of("type", type, "url", url));
    }

    private ValidatableResponse post(Object body) {
        return asAdmin().contentType(ContentType.JSON).body(body).when().post("/subscriptions").then();
    }

    private static void assertProblem(ValidatableResponse response, int status, String detailPart) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", startsWith("https://dyad.io/problems/"))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", containsString(detailPart))
                .body("instance", startsWith("/subscriptions"));
    }

    @Test
    void createAnswers201WithLocationAndThePairsInSortedForm() {
        String location = post(body(List.of("US-MX"), List.of(), List.of("trade", "migration"), "webhook", hookUrl))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", startsWith("http://"))
                .header("Location", containsString("/subscriptions/"))
                .body("id", notNullValue())
                .body("name", equalTo("US–Mexico trade"))
                .body("filter.pairs", equalTo(List.of("MX-US")))
                .body("filter.countries", equalTo(List.of()))
                .body("filter.issues", equalTo(List.of("migration", "trade")))
                .body("channel.type", equalTo("webhook"))
                // the URL is a secret: only where it points is shown
                .body("channel.url", equalTo("http://127.0.0.1:" + WebhookReceiver.server().port() + "/…"))
                .body("createdAt", notNullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(UUID.fromString(id)).isNotNull();

        asAdmin().when().get(location).then().statusCode(200)
                .body("id", equalTo(id))
                .body("filter.pairs", equalTo(List.of("MX-US")));
        assertThat(TestDatabase.count(dataSource,
                "SELECT count(*) FROM subscriptions WHERE id = ?::uuid AND channel_url = ?", id, hookUrl))
                .isEqualTo(1);
    }

    @Test
    void createAcceptsCountriesWithoutPairs() {
        post(Map.of("name", "Mexico energy", "filter", Map.of("countries", List.of("mx")),
                "channel", Map.of("type", "webhook", "url", hookUrl)))
                .statusCode(201)
                .body("filter.pairs", equalTo(List.of()))
                .body("filter.countries", equalTo(List.of("MX")))
                .body("filter.issues", equalTo(List.of()));
    }

    @Test
    void listShowsEverySubscriptionNewestFirst() {
        String first = post(body(List.of("US-MX"), List.of(), List.of(), "webhook", hookUrl)).statusCode(201)
                .extract().path("id");
        String second = post(body(List.of("CN-US"), List.of(), List.of("trade"), "webhook", hookUrl))
                .statusCode(201).extract().path("id");

        asAdmin().when().get("/subscriptions").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].id", equalTo(second))
                .body("[0].filter.pairs", equalTo(List.of("CN-US")))
                .body("[1].id", equalTo(first));
    }

    @Test
    void deleteAnswers204AndThenTheSubscriptionIsGone() {
        String id = post(body(List.of("US-MX"), List.of(), List.of(), "webhook", hookUrl)).statusCode(201)
                .extract().path("id");

        asAdmin().when().delete("/subscriptions/" + id).then().statusCode(204);

        assertProblem(asAdmin().when().get("/subscriptions/" + id).then(), 404, "no subscription with id " + id);
        assertProblem(asAdmin().when().delete("/subscriptions/" + id).then(), 404, id);
        asAdmin().when().get("/subscriptions").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void unknownIdsAre404Problems() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(asAdmin().when().get("/subscriptions/" + unknown).then(), 404,
                "no subscription with id " + unknown);
        assertProblem(asAdmin().when().get("/subscriptions/not-a-uuid").then(), 404, "not-a-uuid");
        assertProblem(asAdmin().when().delete("/subscriptions/" + unknown).then(), 404, unknown);
        assertProblem(asAdmin().when().get("/subscriptions/" + unknown + "/deliveries").then(), 404, unknown);
    }

    @Test
    void deliveriesOfANewSubscriptionAreEmpty() {
        String id = post(body(List.of("US-MX"), List.of(), List.of(), "webhook", hookUrl)).statusCode(201)
                .extract().path("id");

        asAdmin().when().get("/subscriptions/" + id + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(0));
        asAdmin().queryParam("status", "sent").when().get("/subscriptions/" + id + "/deliveries").then()
                .statusCode(200).body("size()", equalTo(0));
        assertProblem(asAdmin().queryParam("status", "LOST").when().get("/subscriptions/" + id + "/deliveries")
                .then(), 400, "status \"LOST\" is not one of [PENDING, SENT, FAILED, QUEUED, DIGESTED]");
        assertProblem(asAdmin().queryParam("limit", 0).when().get("/subscriptions/" + id + "/deliveries")
                .then(), 400, "limit");
    }

    static Stream<Arguments> badFilters() {
        return Stream.of(
                Arguments.of(List.of("XX-US"), List.of(), List.of(),
                        "filter.pairs: \"XX\" is not an ISO 3166-1 alpha-2 country code"),
                Arguments.of(List.of("US-US"), List.of(), List.of(),
                        "filter.pairs: pair \"US-US\" names the same country twice"),
                Arguments.of(List.of("USA-MEX"), List.of(), List.of(), "is not an ISO 3166-1 alpha-2 country code"),
                Arguments.of(List.of("US"), List.of(), List.of(), "must be two ISO 3166-1 alpha-2 codes"),
                Arguments.of(List.of("US-MX"), List.of(), List.of("trade", "weather"),
                        "filter.issues: \"weather\" is not an issue id; known issue ids: trade, migration, border"),
                Arguments.of(List.of(), List.of("ZZ"), List.of(),
                        "filter.countries: \"ZZ\" is not an ISO 3166-1 alpha-2 country code"),
                Arguments.of(List.of(), List.of(), List.of(),
                        "filter needs at least one pair (e.g. \"MX-US\") in filter.pairs, one country code"));
    }

    @ParameterizedTest
    @MethodSource("badFilters")
    void badFiltersAre400WithAClearDetail(List<String> pairs, List<String> countries, List<String> issues,
            String detail) {
        assertProblem(post(body(pairs, countries, issues, "webhook", hookUrl)), 400, detail);
        assertThat(TestDatabase.count(dataSource, "SELECT count(*) FROM subscriptions")).isZero();
    }

    static Stream<Arguments> badChannels() {
        return Stream.of(
                Arguments.of("sms", "tel:+15550100",
                        "channel type \"sms\" is not supported; supported channel types: webhook, slack, email"),
                Arguments.of("email", "mailto:someone@example.com",
                        "channel.address is required for e-mail channels"),
                Arguments.of("slack", "http://169.254.169.254/services/T/B/X",
                        "resolves to 169.254.169.254, a cloud metadata address"),
                Arguments.of("webhook", "not a url", "channel.url is refused: not a valid URL"),
                Arguments.of("webhook", "ftp://127.0.0.1/hook", "only http and https URLs are allowed, not ftp"),
                Arguments.of("webhook", "/relative/hook", "the URL must be absolute"),
                Arguments.of("webhook", "http://169.254.169.254/latest/meta-data/",
                        "resolves to 169.254.169.254, a cloud metadata address"),
                Arguments.of("webhook", "http://0.0.0.0:8080/hook", "an unspecified"),
                Arguments.of("webhook", "http://[ff02::1]/hook", "a multicast address"),
                Arguments.of("webhook", "http://user:secret@127.0.0.1/hook", "credentials in the URL"));
    }

    @ParameterizedTest
    @MethodSource("badChannels")
    void badChannelsAre400WithAClearDetail(String type, String url, String detail) {
        assertProblem(post(body(List.of("US-MX"), List.of(), List.of(), type, url)), 400, detail);
    }

    @Test
    void missingPartsAre400() {
        assertProblem(post(Map.of("filter", Map.of("pairs", List.of("US-MX")),
                "channel", Map.of("type", "webhook", "url", hookUrl))), 400, "name must not be blank");
        assertProblem(post(Map.of("name", "x", "channel", Map.of("type", "webhook", "url", hookUrl))), 400,
                "filter must not be null");
        assertProblem(post(Map.of("name", "x", "filter", Map.of("pairs", List.of("US-MX")))), 400,
                "channel must not be null");
        assertProblem(post(Map.of("name", "x", "filter", Map.of("pairs", List.of("US-MX")),
                "channel", Map.of("type", "webhook"))), 400, "channel.url is required");
        assertProblem(post(Map.of("name", "x".repeat(201), "filter", Map.of("pairs", List.of("US-MX")),
                "channel", Map.of("type", "webhook", "url", hookUrl))), 400, "name size must be between 0 and 200");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(post("{\"name\": \"x\", \"filter\": {\"pairs\": [\"US-MX\"]"), 400,
                "the body is not valid JSON");
        assertProblem(post("{\"name\": \"x\", \"filter\": {\"pairs\": \"US-MX\"}, "
                + "\"channel\": {\"type\": \"webhook\", \"url\": \"" + hookUrl + "\"}}"), 400,
                "filter.pairs must be an array");
        assertProblem(post("[1, 2]"), 400, "the body must be a JSON object");
        assertProblem(asAdmin().contentType(ContentType.JSON).when().post("/subscriptions").then(), 400,
                "a JSON body is required");
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        assertProblem(asAdmin().contentType(ContentType.TEXT).body("name=x").when().post("/subscriptions").then(),
                415, "send application/json");
    }

    @Test
    void problemsAreAnsweredWhateverTheAcceptHeader() {
        asAdmin().accept(ContentType.JSON).when().get("/subscriptions/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Not found"));
    }
}
