package io.dyad.alert.repository;

import io.dyad.contracts.TaggedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
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
}
