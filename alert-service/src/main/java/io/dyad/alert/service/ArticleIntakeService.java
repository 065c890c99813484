package io.dyad.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.Match;
import io.dyad.alert.matching.SubscriptionIndex;
import io.dyad.alert.repository.ArticleRepository;
import io.dyad.alert.repository.DeliveryRepository;
import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores a tagged article and queues its alerts in ONE transaction: the article row (kept if already there), then one
 * delivery row per matching subscription unless that subscription already has one for the story. A redelivered
 * message, a restart or the same story from another outlet therefore never queues a second alert, and nothing is
 * lost: the Kafka offset is committed only after this transaction.
 */
@ApplicationScoped
public class ArticleIntakeService {

    @Inject
    ArticleRepository articles;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public IntakeResult store(TaggedArticle article) {
        boolean isNew = articles.insertIfAbsent(article, json(article));
        List<Match> matches = index.current().match(ArticleTags.of(article));
        int queued = deliveries.insertPending(matches, article.storyId(), article.articleId());
        return new IntakeResult(isNew, matches.size(), queued);
    }

    /**
     * {@link #store} for a whole poll of articles: every article is matched first (in memory, outside any
     * transaction, so a slow match can never outlive the transaction timeout), then ONE short transaction stores the
     * articles in one multi-row insert and every match of every article in another — a commit per batch instead of one
     * per article. An articleId met twice in {@code batch} is stored once (the later copies count as seen before); of
     * two articles of one story, the first queues the alerts. {@code recordJson[i]} is the Kafka record
     * {@code batch[i]} was parsed from; it is stored as the article's payload (readers ignore fields they do not
     * know). Results in the order of {@code batch}.
     */
    public List<IntakeResult> storeAll(List<TaggedArticle> batch, List<String> recordJson) {
        List<TaggedArticle> distinct = new ArrayList<>(batch.size());
        List<String> payloads = new ArrayList<>(batch.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            TaggedArticle article = batch.get(i);
            if (seen.add(article.articleId())) {
                distinct.add(article);
                // the record as it came (it parsed as a TaggedArticle v1): no second serialisation
                payloads.add(recordJson.get(i));
            }
        }
        SubscriptionIndex current = index.current();
        int[] matchCounts = new int[batch.size()];
        List<DeliveryRepository.PendingMatch> rows = new ArrayList<>();
        Set<String> queuedKeys = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            TaggedArticle article = batch.get(i);
            List<Match> matches = current.match(ArticleTags.of(article));
            matchCounts[i] = matches.size();
            for (Match match : matches) {
                // the unique (subscription, story, channel) key would drop the second anyway; one row per key keeps
                // the statement simple
                if (queuedKeys.add(match.subscription().id() + "/" + article.storyId())) {
                    rows.add(new DeliveryRepository.PendingMatch(article.articleId(), article.storyId(), match));
                }
            }
        }
        // one lock order for every batch (subscription, then story): two batches never wait on each other in a cycle
        rows.sort(Comparator.comparing((DeliveryRepository.PendingMatch r) -> r.match().subscription().id())
                .thenComparing(DeliveryRepository.PendingMatch::storyId));
        record Written(Set<String> inserted, Map<String, Integer> queued) {
        }
        Written written = QuarkusTransaction.requiringNew().call(() -> new Written(
                articles.insertAllIfAbsent(distinct, payloads), deliveries.insertAllPending(rows)));
        List<IntakeResult> results = new ArrayList<>(batch.size());
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String id = batch.get(i).articleId();
            boolean first = reported.add(id);
            results.add(new IntakeResult(first && written.inserted().contains(id), matchCounts[i],
                    first ? written.queued().getOrDefault(id, 0) : 0));
        }
        return results;
    }

    private String json(TaggedArticle article) {
        try {
            return mapper.writeValueAsString(article);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise TaggedArticle " + article.articleId(), e);
        }
    }
}
