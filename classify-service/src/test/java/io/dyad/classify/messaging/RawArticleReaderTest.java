package io.dyad.classify.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dyad.contracts.RawArticle;
import io.dyad.contracts.SourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-pass reader: what it accepts, and the reason it gives for each kind of bad record. */
class RawArticleReaderTest {

    // configured as Quarkus configures its ObjectMapper: java.time as ISO strings, unknown properties ignored
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RawArticleReader reader = new RawArticleReader(MAPPER);

    private static final RawArticle GOOD = new RawArticle(1, "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef", "https://news.example/a?utm_source=x", "https://news.example/a",
            new SourceRef("feed-1", "Example News", "rss", "MX", "es"), "México y Estados Unidos",
            "", "La frontera con Estados Unidos.", "es", List.of("A. Reporter"),
            Instant.parse("2026-03-01T10:15:30Z"), Instant.parse("2026-03-01T10:20:00Z"),
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    @Test
    void aValidRecordIsReadWhole() throws Exception {
        RawArticle read = reader.read(MAPPER.writeValueAsBytes(GOOD));
        assertThat(read).isEqualTo(GOOD);
    }

    @Test
    void unknownFieldsOfALaterMinorVersionAreIgnored() throws Exception {
        ObjectNode json = MAPPER.valueToTree(GOOD);
        json.put("paywalled", true).putObject("extra").put("a", 1);
        assertThat(reader.read(bytes(json)).articleId()).isEqualTo(GOOD.articleId());
    }

    @Test
    void badRecordsAreRefusedWithTheirReason() throws Exception {
        assertThat(reason("")).isEqualTo("empty record value");
        assertThat(reason("  \n")).isEqualTo("empty record value");
        assertThat(reason("this is { not JSON")).startsWith("not JSON: Unrecognized token 'this'");
        assertThat(reason("<rss>not json either</rss>")).startsWith("not JSON: Unexpected character ('<'");
        assertThat(reason("{\"title\": ")).startsWith("not JSON");
        assertThat(reason("[1, 2]")).isEqualTo("not a JSON object");
        assertThat(reason("\"text\"")).isEqualTo("not a JSON object");
        assertThat(reason("null")).isEqualTo("not a JSON object");

        ObjectNode noVersion = MAPPER.valueToTree(GOOD);
        noVersion.remove("schemaVersion");
        assertThat(reason(noVersion)).isEqualTo("schemaVersion is missing or not an integer");
        assertThat(reason(with("schemaVersion", "\"1\""))).isEqualTo("schemaVersion is missing or not an integer");
        assertThat(reason(with("schemaVersion", "2"))).isEqualTo(
                "unsupported schemaVersion 2 (this consumer reads RawArticle v1)");
    }

    @Test
    void aNewerVersionIsNamedEvenWhenItsFieldsNoLongerBind() throws Exception {
        ObjectNode v2 = MAPPER.valueToTree(GOOD);
        v2.put("schemaVersion", 2);
        v2.putObject("title").put("en", "a title that became an object in v2");
        assertThat(reason(v2)).isEqualTo("unsupported schemaVersion 2 (this consumer reads RawArticle v1)");
    }

    @Test
    void missingOrMistypedRequiredFieldsAreNamed() throws Exception {
        ObjectNode missing = MAPPER.valueToTree(GOOD);
        missing.remove(List.of("title", "fetchedAt", "contentHash"));
        assertThat(reason(missing)).isEqualTo("missing or invalid required fields: title, fetchedAt, contentHash");

        assertThat(reason(with("title", "5"))).isEqualTo("missing or invalid required fields: title");
        assertThat(reason(with("text", "true"))).isEqualTo("missing or invalid required fields: text");
        assertThat(reason(with("summary", "[\"a\"]"))).isEqualTo("missing or invalid required fields: summary");
        assertThat(reason(with("authors", "\"A. Reporter\""))).isEqualTo(
                "missing or invalid required fields: authors");
        assertThat(reason(with("fetchedAt", "\"yesterday\""))).isEqualTo(
                "missing or invalid required fields: fetchedAt");
        assertThat(reason(with("articleId", "\"0123456789ABCDEF0123456789ABCDEF\""))).isEqualTo(
                "missing or invalid required fields: articleId");
        assertThat(reason(with("source", "{\"id\":\"f\",\"name\":\"N\",\"type\":\"telegram\"}"))).isEqualTo(
                "missing or invalid required fields: source");
        assertThat(reason(with("source", "{\"id\":\"f\",\"name\":\"N\"}"))).isEqualTo(
                "missing or invalid required fields: source");
        assertThat(reason(with("url", "\"\""))).isEqualTo("missing or invalid required fields: url");
    }

    private String with(String field, String rawJsonValue) throws Exception {
        ObjectNode json = MAPPER.valueToTree(GOOD);
        json.set(field, MAPPER.readTree(rawJsonValue));
        return MAPPER.writeValueAsString(json);
    }

    private String reason(ObjectNode json) throws Exception {
        return reason(MAPPER.writeValueAsString(json));
    }

    private String reason(String value) {
        try {
            reader.read(value.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidRawArticleException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + value);
    }

    private static byte[] bytes(ObjectNode json) throws Exception {
        return MAPPER.writeValueAsBytes(json);
    }
}
