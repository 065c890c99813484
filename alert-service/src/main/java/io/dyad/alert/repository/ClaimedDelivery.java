package io.dyad.alert.repository;

import io.dyad.contracts.TaggedArticle;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery row a worker has claimed for one attempt ({@code attempt} counts this one), with what sending needs: the
 * subscription's name and channel, the article (a story alert; attached after the claim from a cache shared by all
 * alerts of that article, null when it is missing or unreadable, and for digests) and the webhook signing secrets
 * (current first; the previous one too during a rotation).
 */
public record ClaimedDelivery(UUID id, UUID subscriptionId, String subscriptionName, String channelType,
        String channelUrl, String storyId, String articleId, List<String> matchedPairs,
        List<String> matchedCountries, List<String> matchedIssues, int attempt, Instant createdAt,
        Instant publishedAt, TaggedArticle article, List<String> signingSecrets, String kind, Instant windowStart,
        Instant windowEnd) {

    /** A story alert (the kind every row had before digests). */
    public ClaimedDelivery(UUID id, UUID subscriptionId, String subscriptionName, String channelType,
            String channelUrl, String storyId, String articleId, List<String> matchedPairs,
            List<String> matchedCountries, List<String> matchedIssues, int attempt, Instant createdAt,
            Instant publishedAt, TaggedArticle article, List<String> signingSecrets) {
        this(id, subscriptionId, subscriptionName, channelType, channelUrl, storyId, articleId, matchedPairs,
                matchedCountries, matchedIssues, attempt, createdAt, publishedAt, article, signingSecrets,
                "story", null, null);
    }

    /** The same claim with its article attached. */
    public ClaimedDelivery withArticle(TaggedArticle attached) {
        return new ClaimedDelivery(id, subscriptionId, subscriptionName, channelType, channelUrl, storyId, articleId,
                matchedPairs, matchedCountries, matchedIssues, attempt, createdAt, publishedAt, attached,
                signingSecrets, kind, windowStart, windowEnd);
    }

    /** A digest: one message for the window [windowStart, windowEnd) of the subscription; no article of its own. */
    public boolean isDigest() {
        return "digest".equals(kind);
    }

    @Override
    public String toString() {
        // channelUrl and the signing secrets are secrets: keep them out of logs
        return "ClaimedDelivery[" + id + ", subscription " + subscriptionId + ", " + (isDigest()
                ? "digest " + windowStart + "…" + windowEnd : "story " + storyId) + ", attempt "
                + attempt + "]";
    }
}
