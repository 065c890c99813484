package io.dyad.alert.repository;

import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.HashMap;
import java.util.Map;
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

    // the batch form: one statement for a whole poll of articles; payloads come as text and are cast once each
    private static final String INSERT_ALL = """
            INSERT INTO articles (article_id, story_id, title, url, source_name, language, published_at, payload)
            SELECT a.article_id, a.story_id, a.title, a.url, a.source_name, a.language, a.published_at, a.payload::jsonb
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                 AS a(article_id, story_id, title, url, source_name, language, published_at, payload)
            ON CONFLICT (article_id) DO NOTHING
            RETURNING article_id
            """;

    @Inject
    Session session;

    /**
     * Stores each article unless a row with its articleId exists, in one statement; the articleIds this call inserted.
     * {@code articles} must not hold one articleId twice; {@code payloadJson[i]} is the JSON of {@code articles[i]}.
     */
    public Set<String> insertAllIfAbsent(List<TaggedArticle> articles, List<String> payloadJson) {
        int n = articles.size();
        String[] ids = new String[n];
        String[] stories = new String[n];
        String[] titles = new String[n];
        String[] urls = new String[n];
        String[] sources = new String[n];
        String[] languages = new String[n];
        Timestamp[] published = new Timestamp[n];
        String[] payloads = payloadJson.toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            TaggedArticle a = articles.get(i);
            ids[i] = a.articleId();
            stories[i] = a.storyId();
            titles[i] = a.title();
            urls[i] = a.url();
            sources[i] = a.source() == null ? null : a.source().name();
            languages[i] = a.language();
            published[i] = a.publishedAt() == null ? null : Timestamp.from(a.publishedAt());
        }
        return session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                insert.setArray(1, connection.createArrayOf("text", ids));
                insert.setArray(2, connection.createArrayOf("text", stories));
                insert.setArray(3, connection.createArrayOf("text", titles));
                insert.setArray(4, connection.createArrayOf("text", urls));
                insert.setArray(5, connection.createArrayOf("text", sources));
                insert.setArray(6, connection.createArrayOf("text", languages));
                insert.setArray(7, connection.createArrayOf("timestamptz", published));
                insert.setArray(8, connection.createArrayOf("text", payloads));
                Set<String> inserted = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
                return inserted;
            }
        });
    }

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

    private static final String PAYLOADS = "SELECT article_id, payload::text FROM articles WHERE article_id = ANY(?)";

    /** The stored TaggedArticle JSON of each of {@code articleIds} that exists, by articleId. */
    public Map<String, String> payloads(Collection<String> articleIds) {
        Map<String, String> out = new HashMap<>();
        if (articleIds.isEmpty()) {
            return out;
        }
        session.doWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(PAYLOADS)) {
                query.setArray(1, connection.createArrayOf("text", articleIds.toArray(String[]::new)));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        });
        return out;
    }

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
