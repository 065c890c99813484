package io.dyad.classify.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.contracts.RawArticle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a RawArticle v1 from a record value and checks what the schema requires, so that a bad record fails alone with
 * a reason ("not JSON", "unsupported schemaVersion 2", "missing or invalid required fields: title, fetchedAt").
 */
@ApplicationScoped
public class RawArticleReader {

    private static final Pattern ID = Pattern.compile("^[0-9a-f]{32}$");
    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");
    private static final List<String> SOURCE_TYPES = List.of("rss", "web", "sitemap", "websub", "api");

    private final ObjectMapper mapper;

    public RawArticleReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RawArticle read(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRawArticleException("empty record value");
        }
        JsonNode node;
        try {
            node = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRawArticleException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRawArticleException("not a JSON object");
        }
        JsonNode version = node.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new InvalidRawArticleException("schemaVersion is missing or not an integer");
        }
        if (version.asInt() != RawArticle.SCHEMA_VERSION) {
            throw new InvalidRawArticleException("unsupported schemaVersion " + version.asInt()
                    + " (this consumer reads RawArticle v" + RawArticle.SCHEMA_VERSION + ")");
        }
        List<String> bad = new ArrayList<>();
        check(bad, node, "articleId", n -> n.isTextual() && ID.matcher(n.asText()).matches());
        check(bad, node, "storyId", n -> n.isTextual() && ID.matcher(n.asText()).matches());
        check(bad, node, "url", n -> n.isTextual() && !n.asText().isEmpty());
        check(bad, node, "canonicalUrl", n -> n.isTextual() && !n.asText().isEmpty());
        check(bad, node, "source", n -> n.isObject() && n.path("id").isTextual() && !n.path("id").asText().isEmpty()
                && n.path("name").isTextual() && SOURCE_TYPES.contains(n.path("type").asText()));
        check(bad, node, "title", JsonNode::isTextual);
        check(bad, node, "summary", JsonNode::isTextual);
        check(bad, node, "text", JsonNode::isTextual);
        check(bad, node, "authors", JsonNode::isArray);
        check(bad, node, "fetchedAt", n -> n.isTextual() && instant(n.asText()));
        check(bad, node, "contentHash", n -> n.isTextual() && HASH.matcher(n.asText()).matches());
        if (!bad.isEmpty()) {
            throw new InvalidRawArticleException("missing or invalid required fields: " + String.join(", ", bad));
        }
        try {
            return mapper.treeToValue(node, RawArticle.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidRawArticleException("not a RawArticle v1: " + e.getMessage());
        }
    }

    private interface Check {
        boolean ok(JsonNode node);
    }

    private static void check(List<String> bad, JsonNode article, String field, Check check) {
        JsonNode value = article.get(field);
        if (value == null || value.isNull() || !check.ok(value)) {
            bad.add(field);
        }
    }

    private static boolean instant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
