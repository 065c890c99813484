package io.dyad.alert.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.dyad.contracts.TaggedArticle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a record value into a {@link TaggedArticle} v1 or throws {@link InvalidArticleException} saying why: not JSON,
 * not an object, another schemaVersion, a required field missing or of the wrong type, a malformed id. Unknown fields
 * are ignored (producers may add optional fields).
 */
public class TaggedArticleParser {

    /** What alert-service needs of an article to store, match and describe it. */
    static final List<String> REQUIRED = List.of("schemaVersion", "articleId", "storyId", "url", "source", "title",
            "countries", "pairs", "issues");
    private static final List<String> ARRAYS = List.of("countries", "pairs", "issues");
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{32}$");
    private static final int SHOWN = 80;

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    public TaggedArticleParser(ObjectMapper mapper) {
        this.mapper = mapper;
        // later producers may add optional fields (DESIGN §3): never fail on them
        this.reader = mapper.readerFor(TaggedArticle.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public TaggedArticle parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArticleException("empty record value: expected a TaggedArticle v1 JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidArticleException("value is not valid JSON: " + e.getOriginalMessage()
                    + " (value starts " + quote(value) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidArticleException("value is not a JSON object: expected a TaggedArticle v1");
        }
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            if (!node.hasNonNull(field)) {
                missing.add(field);
            }
        }
        if (node.hasNonNull("schemaVersion") && !(node.get("schemaVersion").isInt()
                && node.get("schemaVersion").intValue() == 1)) {
            throw new InvalidArticleException("unsupported schemaVersion " + node.get("schemaVersion")
                    + ": alert-service reads TaggedArticle v1");
        }
        if (!missing.isEmpty()) {
            throw new InvalidArticleException("TaggedArticle is missing required field(s): "
                    + String.join(", ", missing));
        }
        for (String field : ARRAYS) {
            if (!node.get(field).isArray()) {
                throw new InvalidArticleException("field " + field + " must be an array");
            }
        }
        for (String field : List.of("articleId", "storyId")) {
            if (!ID.matcher(node.get(field).asText()).matches()) {
                throw new InvalidArticleException("field " + field + " must be 32 lower-case hex digits, got "
                        + quote(node.get(field).asText()));
            }
        }
        TaggedArticle article;
        try {
            article = reader.readValue(node);
        } catch (JsonProcessingException e) {
            throw new InvalidArticleException("value does not fit TaggedArticle v1: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidArticleException("value does not fit TaggedArticle v1: " + e.getMessage());
        }
        if (article.title().isBlank() || article.url().isBlank()) {
            throw new InvalidArticleException("title and url must not be blank");
        }
        return article;
    }

    private static String quote(String value) {
        String shown = value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
        return "\"" + shown.replaceAll("\\s+", " ") + "\"";
    }
}
