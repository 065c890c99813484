package io.dyad.alert.delivery;

import io.dyad.alert.digest.Digest;
import io.dyad.contracts.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * The JSON body of a digest webhook: ONE signed POST per window,
 * {@code {"id","type":"dyad.digest","subscription":{"id","name"},"window":{"start","end","frequency","timeZone"},
 * "storyCount","listed","more","feed","groups":[{"issue","stories":[{"article":{…},"matched":{"pairs","countries",
 * "issues"},"evidence":[…],"sentences":[…],"matchedAt"}]}]}}. {@code id} is the digest's delivery id, also the
 * {@code webhook-id}, the same on every retry. At most {@link #MAX_STORIES} stories are listed (the strongest);
 * {@code more} says how many were left out.
 */
public record DigestPayload(String id, String type, AlertPayload.SubscriptionRef subscription, Window window,
        int storyCount, int listed, int more, String feed, List<Group> groups) {

    public static final int MAX_STORIES = 500;

    public record Window(Instant start, Instant end, String frequency, String timeZone) {
    }

    public record Group(String issue, List<Story> stories) {
    }

    public record Story(AlertPayload.ArticleRef article, Matched matched, List<Evidence> evidence,
            List<String> sentences, Instant matchedAt) {
    }

    public record Matched(List<String> pairs, List<String> countries, List<String> issues) {
    }

    public static DigestPayload of(Digest full) {
        Digest d = full.top(MAX_STORIES);
        List<Group> groups = d.groups().stream().map(g -> new Group(g.issue(), g.stories().stream()
                .map(s -> new Story(new AlertPayload.ArticleRef(s.articleId(), s.storyId(), s.title(), s.url(),
                        s.source(), s.publishedAt(), null), new Matched(s.pairs(), s.countries(), s.issues()),
                        s.evidence(), s.sentences(), s.matchedAt())).toList())).toList();
        return new DigestPayload(d.id(), "dyad.digest", new AlertPayload.SubscriptionRef(d.subscriptionId(),
                d.subscriptionName()), new Window(d.windowStart(), d.windowEnd(), d.frequency().id(),
                d.zone().getId()), d.storyCount(), d.listed(), d.storyCount() - d.listed(), d.feedUrl(), groups);
    }
}
