package io.dyad.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An article already published, by articleId; how refetches and reposts are recognised. */
@Entity
@Table(name = "seen_articles")
public class SeenArticle extends PanacheEntityBase {

    @Id
    @Column(name = "article_id", length = 32)
    public String articleId;

    @Column(name = "canonical_url", nullable = false, length = 4096)
    public String canonicalUrl;

    @Column(name = "story_id", nullable = false, length = 32)
    public String storyId;

    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "source_id")
    public Long sourceId;

    @Column(name = "source_type", nullable = false, length = 16)
    public String sourceType;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;
}
