package io.dyad.ingest.repository;

import io.dyad.ingest.model.SeenArticle;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.query.NativeQuery;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class SeenArticleRepository implements PanacheRepositoryBase<SeenArticle, String> {

    /** Which of {@code articleIds} were already published. */
    public Set<String> knownIds(Collection<String> articleIds) {
        if (articleIds.isEmpty()) {
            return Set.of();
        }
        List<String> known = getEntityManager()
                .createQuery("SELECT s.articleId FROM SeenArticle s WHERE s.articleId IN :ids", String.class)
                .setParameter("ids", articleIds)
                .getResultList();
        return new HashSet<>(known);
    }

    /** How many articles this source brought that were first seen at or after {@code since}. */
    public long countFromSourceSince(long sourceId, java.time.Instant since) {
        return count("sourceId = ?1 and firstSeenAt >= ?2", sourceId, since);
    }

    /** The storyId of the first article seen with this content, if any. */
    public Optional<String> storyIdForContent(String contentHash) {
        return getEntityManager()
                .createQuery("SELECT s.storyId FROM SeenArticle s WHERE s.contentHash = :hash "
                        + "ORDER BY s.firstSeenAt, s.articleId", String.class)
                .setParameter("hash", contentHash)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /**
     * Inserts the row unless its articleId exists. A concurrent insert of the same id waits for the other
     * transaction: it counts as seen if that one commits, and this insert goes ahead if it rolls back.
     *
     * @return true when this call inserted the row
     */
    public boolean insertIfAbsent(SeenArticle row) {
        @SuppressWarnings("unchecked")
        NativeQuery<Object> insert = getEntityManager().createNativeQuery(
                        "INSERT INTO seen_articles (article_id, canonical_url, story_id, content_hash, source_id, "
                                + "source_type, first_seen_at) VALUES (:id, :url, :story, :hash, :source, :type, :at) "
                                + "ON CONFLICT (article_id) DO NOTHING")
                .unwrap(NativeQuery.class);
        int inserted = insert
                .setParameter("id", row.articleId)
                .setParameter("url", row.canonicalUrl)
                .setParameter("story", row.storyId)
                .setParameter("hash", row.contentHash)
                .setParameter("source", row.sourceId, Long.class) // typed: the value may be null
                .setParameter("type", row.sourceType)
                .setParameter("at", row.firstSeenAt)
                .executeUpdate();
        return inserted == 1;
    }
}
