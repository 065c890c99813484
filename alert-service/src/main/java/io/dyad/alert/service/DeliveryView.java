package io.dyad.alert.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One delivery as the API shows it. {@code latency}: from the match (row created) to delivery; {@code
 * publicationLatency}: from the article's publication to delivery; both ISO-8601 durations, null until sent.
 */
public record DeliveryView(UUID id, UUID subscriptionId, String storyId, String articleId, String channelType,
        String status, int attempts, String lastError, Integer lastStatusCode, Instant createdAt,
        Instant nextAttemptAt, Instant sentAt, Duration latency, Duration publicationLatency,
        List<String> matchedPairs, List<String> matchedCountries, List<String> matchedIssues) {
}
