package io.dyad.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert bodies rendered once per article and match, not once per subscription: the article part, what matched and
 * the evidence (the costly part: spans chosen from the article's tags, then serialised) are the same for every
 * subscription that matched the same pairs, countries and issues of one article. Only the delivery id and the
 * subscription are written per alert — and the webhook signature computed per alert, over the whole body.
 */
@ApplicationScoped
public class RenderedAlerts {

    static final int CAPACITY = 8192;

    @Inject
    ObjectMapper mapper;

    /** What two alerts of one article share when they matched the same things. */
    private record Key(String articleId, List<String> pairs, List<String> countries, List<String> issues) {
    }

    /** The shared part of a payload, and its JSON as it ends a webhook body: {@code "article":…,"evidence":[…]}}. */
    private record Shared(AlertPayload.ArticleRef article, AlertPayload.Matched matched, List<Evidence> evidence,
            byte[] jsonTail) {
    }

    /** The serialised form of the shared part; its fields come in the order of {@link AlertPayload}'s. */
    private record Tail(AlertPayload.ArticleRef article, AlertPayload.Matched matched, List<Evidence> evidence) {
    }

    private final Map<Key, Shared> cache = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Shared> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The alert payload of a claimed story delivery (see {@link AlertPayload}). */
    public AlertPayload payload(ClaimedDelivery claimed, TaggedArticle article) throws JsonProcessingException {
        Shared shared = shared(claimed, article);
        return new AlertPayload(claimed.id().toString(),
                new AlertPayload.SubscriptionRef(claimed.subscriptionId().toString(), claimed.subscriptionName()),
                shared.article(), shared.matched(), shared.evidence());
    }

    /**
     * The webhook body of {@code payload}, byte for byte what {@code mapper.writeValueAsBytes(payload)} gives, with
     * the shared part written once per article and match.
     */
    public byte[] webhookBody(ClaimedDelivery claimed, TaggedArticle article, AlertPayload payload)
            throws JsonProcessingException {
        Shared shared = shared(claimed, article);
        ByteArrayOutputStream out = new ByteArrayOutputStream(shared.jsonTail().length + 160);
        out.writeBytes("{\"id\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(mapper.writeValueAsBytes(payload.id()));
        out.writeBytes(",\"subscription\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(mapper.writeValueAsBytes(payload.subscription()));
        out.write(',');
        out.writeBytes(shared.jsonTail());
        return out.toByteArray();
    }

    private Shared shared(ClaimedDelivery claimed, TaggedArticle article) throws JsonProcessingException {
        Key key = new Key(article.articleId(), claimed.matchedPairs(), claimed.matchedCountries(),
                claimed.matchedIssues());
        synchronized (cache) {
            Shared hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        AlertPayload.ArticleRef ref = new AlertPayload.ArticleRef(article.articleId(), article.storyId(),
                article.title(), article.url(), article.source() == null ? null : article.source().name(),
                article.publishedAt(), article.language());
        AlertPayload.Matched matched = new AlertPayload.Matched(claimed.matchedPairs(), claimed.matchedIssues());
        List<Evidence> evidence = EvidenceSelector.select(article, claimed.matchedPairs(),
                claimed.matchedCountries(), claimed.matchedIssues());
        byte[] tail = mapper.writeValueAsBytes(new Tail(ref, matched, evidence));
        // drop the tail object's opening brace: the body's own fields come before
        Shared shared = new Shared(ref, matched, evidence, java.util.Arrays.copyOfRange(tail, 1, tail.length));
        synchronized (cache) {
            cache.put(key, shared);
        }
        return shared;
    }
}
