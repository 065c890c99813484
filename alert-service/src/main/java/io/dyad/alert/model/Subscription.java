package io.dyad.alert.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A subscription row: a validated filter (pairs in sorted form) and one channel. */
@Entity
@Table(name = "subscriptions")
public class Subscription {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] pairs;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] countries;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] issues;

    /** lower-case {@link ChannelType#id()} */
    @Column(name = "channel_type", nullable = false)
    public String channelType;

    /** a secret: never logged, shown only redacted */
    @Column(name = "channel_url", nullable = false)
    public String channelUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
