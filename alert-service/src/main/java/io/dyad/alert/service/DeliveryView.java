package io.dyad.alert.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One delivery as the API shows it. {@code latency}: from the match (row created) to delivery; {@code
 * publicationLatency}: from the article's publication to delivery; both ISO-8601 durations, null until sent.
 * {@code kind}: {@code story} (one story; of a digest subscription it is QUEUED until its window closes, then DIGESTED
 * with the {@code digestId} that carried it) or {@code digest} (one message for the window {@code windowStart} to
 * {@code windowEnd} carrying {@code storyCount} stories; matched* are the union of its stories').
 */
public record DeliveryView(UUID id, UUID subscriptionId, String storyId, String articleId, String channelType,
        String status, int attempts, String lastError, Integer lastStatusCode, Instant createdAt,
        Instant nextAttemptAt, Instant sentAt, Duration latency, Duration publicationLatency,
        List<String> matchedPairs, List<String> matchedCountries, List<String> matchedIssues,
        String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID digestId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant windowStart,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant windowEnd,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer storyCount) {
}
