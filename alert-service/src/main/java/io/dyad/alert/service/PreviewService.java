package io.dyad.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.alert.matching.IndexedSubscription;
import io.dyad.alert.matching.Match;
import io.dyad.alert.matching.SubscriptionFilter;
import io.dyad.alert.matching.SubscriptionIndex;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.ArticleRepository;
import io.dyad.contracts.Evidence;
import io.dyad.contracts.TaggedArticle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A backtest: which stored articles a filter would have alerted on in the last {@code since}, one per story (the
 * first article of a story that matched, as the outbox would have sent it), newest first, each with the why. Reads at
 * most {@code dyad.alert.preview.max-articles} of the newest articles, so one preview cannot load the database.
 */
@ApplicationScoped
public class PreviewService {

    private static final Logger LOG = Logger.getLogger(PreviewService.class);
    public static final Duration DEFAULT_SINCE = Duration.ofDays(7);
    public static final int MAX_LIMIT = 500;

    @Inject
    ArticleRepository articles;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    AlertConfig config;

    @Inject
    ObjectMapper mapper;

    /** One article the filter would have alerted on. */
    public record PreviewMatch(String articleId, String storyId, String title, String url, String source,
            Instant publishedAt, Instant receivedAt, Matched matched, List<Evidence> evidence) {
    }

    public record Matched(List<String> pairs, List<String> countries, List<String> issues) {
    }

    /**
     * {@code from}…{@code to}: the window looked at; {@code articlesScanned}; {@code truncated} when the window held
     * more articles than a preview reads (then only the newest were looked at); {@code stories}: how many alerts it
     * would have sent; {@code matches}: the newest {@code limit} of them.
     */
    public record Preview(Instant from, Instant to, int articlesScanned, boolean truncated, int stories,
            List<PreviewMatch> matches) {
    }

    /** Preview of a filter as sent by a client (validated like a subscription's). */
    public Preview preview(SubscriptionFilter filter, String since, Integer limit) {
        IndexedSubscription candidate = new IndexedSubscription(UUID.randomUUID(), "preview", filter);
        return run(candidate, window(since), limit(limit));
    }

    /** Preview of the owner's subscription (404 for another owner's). */
    public Preview preview(UUID ownerId, String subscriptionId, String since, Integer limit) {
        Duration window = window(since);
        int max = limit(limit);
        Subscription s = subscriptions.get(ownerId, subscriptionId);
        IndexedSubscription candidate = new IndexedSubscription(s.id, s.name, SubscriptionIndexHolder.filter(s));
        return run(candidate, window, max);
    }

    private Preview run(IndexedSubscription candidate, Duration window, int limit) {
        Instant to = Instant.now();
        Instant from = to.minus(window);
        int cap = config.preview().maxArticles();
        Map<String, PreviewMatch> byStory = new HashMap<>();
        int[] scanned = {0};
        QuarkusTransaction.requiringNew().run(() -> articles.forEachSince(from, cap + 1, (payload, receivedAt) -> {
            if (++scanned[0] > cap) {
                return;
            }
            TaggedArticle article;
            try {
                article = mapper.readValue(payload, TaggedArticle.class);
            } catch (IOException e) {
                LOG.debugf("Preview: stored article not readable, skipped: %s", e.getMessage());
                return;
            }
            Match m = SubscriptionIndex.evaluate(candidate, ArticleTags.of(article));
            if (m != null) {
                // newest first: a later (older) article of the same story replaces it, leaving the first one seen
                byStory.put(article.storyId(), view(article, receivedAt, m));
            }
        }));
        boolean truncated = scanned[0] > cap;
        List<PreviewMatch> matches = new ArrayList<>(byStory.values());
        matches.sort(Comparator.comparing(PreviewMatch::receivedAt).reversed().thenComparing(PreviewMatch::articleId));
        return new Preview(from, to, Math.min(scanned[0], cap), truncated, matches.size(),
                List.copyOf(matches.subList(0, Math.min(limit, matches.size()))));
    }

    private static PreviewMatch view(TaggedArticle a, Instant receivedAt, Match m) {
        return new PreviewMatch(a.articleId(), a.storyId(), a.title(), a.url(),
                a.source() == null ? null : a.source().name(), a.publishedAt(), receivedAt,
                new Matched(m.pairs(), m.countries(), m.issues()), EvidenceSelector.select(a, m));
    }

    /** {@code since} as an ISO-8601 duration (P7D, PT12H), at most the retention window. */
    Duration window(String since) {
        Duration retention = config.retention().articles();
        if (since == null || since.isBlank()) {
            return DEFAULT_SINCE.compareTo(retention) > 0 ? retention : DEFAULT_SINCE;
        }
        Duration d;
        try {
            d = Duration.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("since \"" + since + "\" is not an ISO-8601 duration such as P7D or PT12H");
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidInputException("since must be a positive duration such as P7D");
        }
        if (d.compareTo(retention) > 0) {
            throw new InvalidInputException("since " + since + " is longer than the " + retention.toDays()
                    + "-day retention window: articles are kept " + retention + " (use at most P" + retention.toDays()
                    + "D)");
        }
        return d;
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return 50;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
