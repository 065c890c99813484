package io.dyad.ingest.service;

import io.dyad.ingest.feed.ArticleDraft;
import io.dyad.ingest.messaging.PublishException;
import io.dyad.ingest.messaging.RawArticlePublisher;
import io.dyad.ingest.model.SeenArticle;
import io.dyad.ingest.repository.SeenArticleRepository;
import io.dyad.ingest.story.StoryMatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Set;

/**
 * Deduplication and publishing of one article, in one transaction: the seen row is written, the article is sent, and
 * the transaction commits only once the broker has acknowledged it. A failed or unacknowledged send rolls the row
 * back, so the next poll tries the article again (at-least-once; a crash between ack and commit republishes it).
 */
@ApplicationScoped
public class ArticleIngestService {

    @Inject
    SeenArticleRepository seen;

    @Inject
    RawArticlePublisher publisher;

    @Inject
    IngestMetrics metrics;

    @Inject
    StoryMatcher stories;

    /**
     * @param sourceId the source's id, null for articles posted to the API
     * @throws PublishException when the broker does not acknowledge the article (nothing is recorded)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public IngestResult ingest(ArticleDraft draft, Long sourceId) {
        // storyId: the story of the first article seen with the same title and text, else of the most similar
        // near-duplicate within the window (across sources and replicas), else a new story
        StoryMatcher.Fingerprint fingerprint = stories.fingerprint(draft.text());
        String storyId = seen.storyIdForContent(draft.contentHash())
                .or(() -> stories.nearest(fingerprint, draft.fetchedAt()).map(StoryMatcher.Match::storyId))
                .orElse(draft.articleId());
        SeenArticle row = new SeenArticle();
        row.articleId = draft.articleId();
        row.canonicalUrl = draft.canonicalUrl();
        row.storyId = storyId;
        row.contentHash = draft.contentHash();
        row.sourceId = sourceId;
        row.sourceType = draft.source().type();
        row.firstSeenAt = draft.fetchedAt();
        if (!seen.insertIfAbsent(row)) {
            metrics.duplicate(draft.source().type());
            String existingStory = seen.findByIdOptional(draft.articleId()).map(s -> s.storyId).orElse(storyId);
            return new IngestResult(draft.articleId(), existingStory, false);
        }
        stories.remember(draft.articleId(), fingerprint);
        try {
            metrics.publishTimer().record(() -> publisher.publishAndAwait(draft.toRawArticle(storyId)));
        } catch (PublishException e) {
            metrics.publishFailed();
            throw e;
        }
        metrics.published(draft.source().type());
        return new IngestResult(draft.articleId(), storyId, true);
    }

    /** Which of these articleIds were published before; lets a refetch skip known items without a transaction each. */
    @Transactional
    public Set<String> alreadySeen(Collection<String> articleIds) {
        return seen.knownIds(articleIds);
    }
}
