package io.dyad.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.matching.ArticleTags;
import io.dyad.alert.matching.Match;
import io.dyad.alert.repository.ArticleRepository;
import io.dyad.alert.repository.DeliveryRepository;
import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

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

    private String json(TaggedArticle article) {
        try {
            return mapper.writeValueAsString(article);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise TaggedArticle " + article.articleId(), e);
        }
    }
}
