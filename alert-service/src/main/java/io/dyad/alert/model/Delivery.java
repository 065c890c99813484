package io.dyad.alert.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One alert of one story to one subscription's channel: the outbox row. Inserted, claimed and updated with plain SQL
 * by {@code DeliveryRepository} (insert-if-absent, SKIP LOCKED claims); the entity serves reads.
 */
@Entity
@Table(name = "deliveries")
public class Delivery {

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    /** {@code story} or {@code digest} */
    @Column(nullable = false)
    public String kind = "story";

    /** story rows of a digest subscription: the digest that carried them */
    @Column(name = "digest_id")
    public UUID digestId;

    /** digest rows: the window [start, end) */
    @Column(name = "window_start")
    public Instant windowStart;

    @Column(name = "window_end")
    public Instant windowEnd;

    /** digest rows: how many stories the digest carries */
    @Column(name = "story_count")
    public Integer storyCount;

    /** null for digest rows */
    @Column(name = "story_id")
    public String storyId;

    @Column(name = "article_id")
    public String articleId;

    @Column(name = "channel_type", nullable = false)
    public String channelType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "matched_pairs", columnDefinition = "text[]")
    public String[] matchedPairs;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "matched_countries", columnDefinition = "text[]")
    public String[] matchedCountries;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "matched_issues", columnDefinition = "text[]")
    public String[] matchedIssues;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
