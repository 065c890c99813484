package io.dyad.ingest.rest;

import static io.dyad.ingest.testing.Admin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.contracts.ArticleIds;
import io.dyad.ingest.testing.RawTopic;
import io.dyad.testsupport.ContractValidator;
import io.dyad.testsupport.KafkaResource;
import io.dyad.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ingest_test"))
class ArticleResourceTest {

    private static final String TEXT = "Mexico and the United States agreed on new customs lanes.\n\n"
            + "The deal also reviews tariffs on steel.";

    private static Map<String, Object> article(String url, String title, String text, String publishedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("title", title);
        body.put("text", text);
        if (publishedAt != null) {
            body.put("publishedAt", publishedAt);
        }
        return body;
    }

    private static JsonPath submit(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/articles")
                .then().statusCode(202).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    @Test
    void aSubmittedArticleIsPublishedOnceFromTheApiSource() throws Exception {
        String url = "https://news.example/" + UUID.randomUUID() + "/customs-lanes";
        String articleId = ArticleIds.articleId(ArticleIds.canonicalUrl(url));

        JsonPath first = submit(article(url, "Customs lanes agreed", TEXT, "2026-11-27T14:00:00Z"));
        assertThat(first.getString("articleId")).isEqualTo(articleId);
        assertThat(first.getString("storyId")).isEqualTo(articleId);
        assertThat(first.getString("status")).isEqualTo("published");

        List<ConsumerRecord<String, String>> records = RawTopic.withKeys(List.of(articleId));
        assertThat(records).hasSize(1);
        ContractValidator.assertValid(ContractValidator.RAW_ARTICLE, records.get(0).value());
        JsonNode raw = new ObjectMapper().readTree(records.get(0).value());
        assertThat(raw.get("source").get("id").asText()).isEqualTo("api");
        assertThat(raw.get("source").get("name").asText()).isEqualTo("API");
        assertThat(raw.get("source").get("type").asText()).isEqualTo("api");
        assertThat(raw.get("title").asText()).isEqualTo("Customs lanes agreed");
        assertThat(raw.get("text").asText()).isEqualTo(TEXT);
        assertThat(raw.get("summary").asText()).isEqualTo("Mexico and the United States agreed on new customs lanes.");
        assertThat(raw.get("publishedAt").asText()).isEqualTo("2026-11-27T14:00:00Z");
        assertThat(raw.get("authors").isArray()).isTrue();

        // the same canonical URL (tracking parameter and fragment aside) is a duplicate, not a second event
        JsonPath again = submit(article(url + "?utm_source=newsletter#top", "Customs lanes agreed", TEXT, null));
        assertThat(again.getString("status")).isEqualTo("duplicate");
        assertThat(again.getString("articleId")).isEqualTo(articleId);
        assertThat(again.getString("storyId")).isEqualTo(articleId);
        assertThat(RawTopic.withKeys(List.of(articleId))).hasSize(1);
    }

    @Test
    void theSameTextUnderAnotherUrlIsANewArticleOfTheSameStory() {
        String token = UUID.randomUUID().toString();
        String title = "Identical wire copy " + token;
        JsonPath original = submit(article("https://one.example/" + token, title, TEXT, null));
        JsonPath copy = submit(article("https://two.example/" + token, title, TEXT, null));

        assertThat(copy.getString("status")).isEqualTo("published");
        assertThat(copy.getString("articleId")).isNotEqualTo(original.getString("articleId"));
        assertThat(copy.getString("storyId")).isEqualTo(original.getString("articleId"));
    }

    @Test
    void missingFieldsAreA400ProblemNamingThem() {
        given().contentType(ContentType.JSON).body(Map.of("url", "https://news.example/x"))
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", equalTo("text: text is required; title: title is required"))
                .body("errors.field", org.hamcrest.Matchers.contains("text", "title"));
        given().contentType(ContentType.JSON).body(article("https://news.example/x", "T", "   ", null))
                .when().post("/articles")
                .then().statusCode(400)
                .body("detail", equalTo("text: text is required"));
    }

    @Test
    void aBadUrlIsA400Problem() {
        given().contentType(ContentType.JSON).body(article("not a url", "T", "Text.", null))
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("is not a valid URL"))
                .body("errors[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body(article("mailto:desk@news.example", "T", "Text.", null))
                .when().post("/articles")
                .then().statusCode(400)
                .body("detail", containsString("is not an absolute http(s) URL"));
    }

    @Test
    void aBadDateIsA400ProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(article("https://news.example/d", "T", "Text.", "yesterday"))
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("field 'publishedAt' has an invalid value \"yesterday\"; expected an "
                        + "ISO-8601 instant such as 2026-11-27T14:00:00Z"))
                .body("errors[0].field", equalTo("publishedAt"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"url\": \"https://news.example/x\", \"title\": }")
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("instance", equalTo("/articles"));
        given().contentType(ContentType.JSON)
                .when().post("/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("a JSON body is required"));
    }
}
