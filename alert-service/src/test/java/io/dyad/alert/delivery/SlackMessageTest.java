package io.dyad.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dyad.contracts.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private static AlertPayload alert(String title, String url, List<Evidence> evidence) {
        return new AlertPayload("d-1", new AlertPayload.SubscriptionRef("s-1", "US & Mexico <ops>"),
                new AlertPayload.ArticleRef("a-1", "st-1", title, url, "Wire <b>", Instant.parse("2025-03-01T11:59:00Z"),
                        "en"),
                new AlertPayload.Matched(List.of("MX-US"), List.of("migration", "trade")), evidence);
    }

    private static JsonNode json(Map<String, Object> message) {
        return MAPPER.valueToTree(message);
    }

    @Test
    void feedTextCanNeitherPingNorForgeLinks() {
        JsonNode m = json(SlackMessage.of(alert("Tariffs <!channel> & <https://evil.example|click here>",
                "https://news.example.org/a?x=1&y=<2>|z",
                List.of(new Evidence("text", 0, 10, "ping <!here> and <@U123> & <https://evil.example>")))));

        String all = m.toString();
        assertThat(all).doesNotContain("<!channel>", "<!here>", "<@U123>", "<https://evil");
        assertThat(m.get("text").asText()).contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click here&gt;");
        String section = m.at("/blocks/1/text/text").asText();
        // the one real link is ours: the URL escaped, its "|" encoded so it cannot end the URL early
        assertThat(section).startsWith("*<https://news.example.org/a?x=1&amp;y=&lt;2&gt;%7Cz|Tariffs &lt;!channel&gt;");
        assertThat(section).contains("Pairs: MX-US · Issues: migration, trade");
        assertThat(section).contains("> ping &lt;!here&gt; and &lt;@U123&gt; &amp; &lt;https://evil.example&gt;");
        assertThat(m.at("/blocks/2/elements/0/text").asText())
                .isEqualTo("Wire &lt;b&gt; · published 2025-03-01T11:59:00Z · subscription US &amp; Mexico &lt;ops&gt;");
    }

    @Test
    void staysWithinSlackLimitsWithATextFallback() {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            evidence.add(new Evidence("text", 0, 900, "&".repeat(900)));
        }
        JsonNode m = json(SlackMessage.of(alert("<".repeat(400), "https://news.example.org/a", evidence)));

        assertThat(m.get("blocks").size()).isLessThanOrEqualTo(50);
        JsonNode header = m.at("/blocks/0");
        assertThat(header.get("type").asText()).isEqualTo("header");
        assertThat(header.at("/text/type").asText()).isEqualTo("plain_text");
        String headerText = header.at("/text/text").asText();
        assertThat(headerText.length()).isLessThanOrEqualTo(150);
        // cut on whole entities
        assertThat(headerText).matches("(&lt;)+…");
        String section = m.at("/blocks/1/text/text").asText();
        assertThat(section.length()).isLessThanOrEqualTo(3000);
        assertThat(section).doesNotContainPattern("&a?m?p?$");
        assertThat(m.get("text").asText()).isNotBlank();
        assertThat(m.get("text").asText().length()).isLessThanOrEqualTo(3000);
    }

    @Test
    void fitNeverSplitsAnEntity() {
        for (int max = 2; max < 40; max++) {
            String fitted = SlackMessage.fit("a&b<c>d".repeat(10), max);
            assertThat(fitted.length()).isLessThanOrEqualTo(max);
            assertThat(fitted).matches("([a-d]|&amp;|&lt;|&gt;)*…?");
        }
    }
}
