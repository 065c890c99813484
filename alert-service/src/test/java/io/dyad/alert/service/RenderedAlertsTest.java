package io.dyad.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.support.TaggedArticleFixtures;
import io.dyad.contracts.TaggedArticle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bodies rendered from the shared part are the bodies serialised whole, for every subscription of an article. */
class RenderedAlertsTest {

    private final ObjectMapper mapper = TaggedArticleFixtures.MAPPER;

    private RenderedAlerts rendered() {
        RenderedAlerts r = new RenderedAlerts();
        r.mapper = mapper;
        return r;
    }

    private static ClaimedDelivery claim(TaggedArticle article, String subscriptionName, List<String> pairs,
            List<String> issues) {
        return new ClaimedDelivery(UUID.randomUUID(), UUID.randomUUID(), subscriptionName, "webhook",
                "http://127.0.0.1/hook", article.storyId(), article.articleId(), pairs, List.of(), issues, 1,
                Instant.now(), article.publishedAt(), article, List.of("whsec_a2V5"));
    }

    @Test
    void aBodyIsByteForByteTheWholePayloadSerialisedAndTheSharedPartIsReused() throws Exception {
        TaggedArticle article = TaggedArticleFixtures.usMexicoTrade().build();
        RenderedAlerts rendered = rendered();
        // names with characters JSON must escape, two subscriptions matching the same, one matching less
        List<ClaimedDelivery> claims = List.of(
                claim(article, "US–Mexico \"trade\" \\ watch", List.of("MX-US"), List.of("trade")),
                claim(article, "second", List.of("MX-US"), List.of("trade")),
                claim(article, "pairs only", List.of("MX-US"), List.of()));
        for (ClaimedDelivery c : claims) {
            AlertPayload payload = rendered.payload(c, article);
            AlertPayload whole = new AlertPayload(c.id().toString(),
                    new AlertPayload.SubscriptionRef(c.subscriptionId().toString(), c.subscriptionName()),
                    new AlertPayload.ArticleRef(article.articleId(), article.storyId(), article.title(),
                            article.url(), article.source().name(), article.publishedAt(), article.language()),
                    new AlertPayload.Matched(c.matchedPairs(), c.matchedIssues()),
                    EvidenceSelector.select(article, c.matchedPairs(), c.matchedCountries(), c.matchedIssues()));
            assertThat(payload).isEqualTo(whole);
            byte[] body = rendered.webhookBody(c, article, payload);
            assertThat(new String(body, StandardCharsets.UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(whole), StandardCharsets.UTF_8));
        }
        assertThat(rendered.payload(claims.get(0), article).evidence())
                .isSameAs(rendered.payload(claims.get(1), article).evidence());
    }
}
