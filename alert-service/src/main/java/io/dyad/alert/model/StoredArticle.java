package io.dyad.alert.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A received article, read side only: rows are written by {@code ArticleRepository} with plain SQL (insert-if-absent
 * and the jsonb payload, which this entity does not map).
 */
@Entity
@Immutable
@Table(name = "articles")
public class StoredArticle {

    @Id
    @Column(name = "article_id")
    public String articleId;

    @Column(name = "story_id")
    public String storyId;

    public String title;

    public String url;

    @Column(name = "source_name")
    public String sourceName;

    public String language;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "received_at")
    public Instant receivedAt;
}
