package io.dyad.alert.delivery;

import io.dyad.contracts.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * The JSON body of a webhook alert:
 * {@code {"id","subscription":{"id","name"},"article":{"articleId","storyId","title","url","source","publishedAt",
 * "language"},"matched":{"pairs","issues"},"evidence":[{"field","start","end","text"}]}}. {@code id} is the delivery id,
 * the same on every retry (it is also the {@code webhook-id} header), so receivers can drop repeats.
 */
public record AlertPayload(String id, SubscriptionRef subscription, ArticleRef article, Matched matched,
        List<Evidence> evidence) {

    public record SubscriptionRef(String id, String name) {
    }

    public record ArticleRef(String articleId, String storyId, String title, String url, String source,
            Instant publishedAt, String language) {
    }

    public record Matched(List<String> pairs, List<String> issues) {
    }
}
