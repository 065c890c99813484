package io.dyad.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.TaggedArticle;
import org.junit.jupiter.api.Test;

class TaggedArticleParserTest {

    private final TaggedArticleParser parser = new TaggedArticleParser(TaggedArticleFixtures.MAPPER);

    @Test
    void parsesAContractValidArticle() {
        TaggedArticle built = TaggedArticleFixtures.usMexicoTrade().build();

        TaggedArticle parsed = parser.parse(TaggedArticleFixtures.json(built));

        assertThat(parsed).isEqualTo(built);
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsAbsentOptionalOnes() throws Exception {
        ObjectNode node = (ObjectNode) TaggedArticleFixtures.MAPPER.readTree(
                TaggedArticleFixtures.usMexicoTrade().json());
        node.put("sentiment", 0.3);
        node.remove("publishedAt");
        node.remove("language");

        TaggedArticle parsed = parser.parse(node.toString());

        assertThat(parsed.publishedAt()).isNull();
        assertThat(parsed.pairs()).hasSize(1);
    }

    @Test
    void rejectsWithAClearReason() throws Exception {
        String good = TaggedArticleFixtures.usMexicoTrade().json();

        assertThatThrownBy(() -> parser.parse("{not json")).isInstanceOf(InvalidArticleException.class)
                .hasMessageStartingWith("value is not valid JSON");
        assertThatThrownBy(() -> parser.parse("")).hasMessageStartingWith("empty record value");
        assertThatThrownBy(() -> parser.parse(null)).hasMessageStartingWith("empty record value");
        assertThatThrownBy(() -> parser.parse("[1,2]")).hasMessageStartingWith("value is not a JSON object");
        assertThatThrownBy(() -> parser.parse(with(good, "schemaVersion", 2)))
                .hasMessage("unsupported schemaVersion 2: alert-service reads TaggedArticle v1");
        assertThatThrownBy(() -> parser.parse(without(good, "storyId", "title")))
                .hasMessage("TaggedArticle is missing required field(s): storyId, title");
        assertThatThrownBy(() -> parser.parse(without(good, "schemaVersion")))
                .hasMessage("TaggedArticle is missing required field(s): schemaVersion");
        assertThatThrownBy(() -> parser.parse(with(good, "pairs", "MX-US")))
                .hasMessage("field pairs must be an array");
        assertThatThrownBy(() -> parser.parse(with(good, "articleId", "ABC")))
                .hasMessageStartingWith("field articleId must be 32 lower-case hex digits");
        assertThatThrownBy(() -> parser.parse(with(good, "publishedAt", "yesterday")))
                .hasMessageStartingWith("value does not fit TaggedArticle v1");
    }

    private static String with(String json, String field, Object value) throws Exception {
        ObjectNode node = (ObjectNode) TaggedArticleFixtures.MAPPER.readTree(json);
        node.set(field, TaggedArticleFixtures.MAPPER.valueToTree(value));
        return node.toString();
    }

    private static String without(String json, String... fields) throws Exception {
        ObjectNode node = (ObjectNode) TaggedArticleFixtures.MAPPER.readTree(json);
        for (String field : fields) {
            node.remove(field);
        }
        return node.toString();
    }
}
