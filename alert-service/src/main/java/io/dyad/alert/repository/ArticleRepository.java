package io.dyad.alert.repository;

import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.hibernate.Session;

/** Writes received articles with plain SQL: insert-if-absent on article_id, payload as jsonb. */
@ApplicationScoped
public class ArticleRepository {

    private static final String INSERT = """
            INSERT INTO articles (article_id, story_id, title, url, source_name, language, published_at, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (article_id) DO NOTHING
            """;

    @Inject
    Session session;

    /** Stores {@code article} unless a row with its articleId exists; true when this call inserted it. */
    public boolean insertIfAbsent(TaggedArticle article, String payloadJson) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, article.articleId());
                insert.setString(2, article.storyId());
                insert.setString(3, article.title());
                insert.setString(4, article.url());
                insert.setString(5, article.source() == null ? null : article.source().name());
                insert.setString(6, article.language());
                if (article.publishedAt() == null) {
                    insert.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    insert.setTimestamp(7, Timestamp.from(article.publishedAt()));
                }
                insert.setString(8, payloadJson);
                return insert.executeUpdate() == 1;
            }
        });
    }

    private static final String SINCE = """
            SELECT payload::text, received_at FROM articles WHERE received_at >= ?
            ORDER BY received_at DESC, article_id LIMIT ?
            """;

    // Articles a delivery refers to stay: the delivery history (and replays) need them.
    private static final String DELETE_EXPIRED = """
            DELETE FROM articles WHERE article_id IN (
                SELECT a.article_id FROM articles a
                WHERE a.received_at < ?
                  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.article_id = a.article_id)
                LIMIT ?)
            """;

    /** Hands the stored TaggedArticle JSON and arrival time of the newest {@code limit} articles since {@code from}. */
    public void forEachSince(Instant from, int limit, BiConsumer<String, Instant> consumer) {
        session.doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SINCE)) {
                query.setTimestamp(1, Timestamp.from(from));
                query.setInt(2, limit);
                query.setFetchSize(500);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(rs.getString(1), rs.getTimestamp(2).toInstant());
                    }
                }
            }
        });
    }

    /** Deletes up to {@code limit} articles received before {@code before} that no delivery refers to. */
    public int deleteReceivedBefore(Instant before, int limit) {
        return session.doReturningWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
                delete.setTimestamp(1, Timestamp.from(before));
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }
}
