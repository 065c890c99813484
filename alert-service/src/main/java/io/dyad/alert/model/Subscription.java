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

    /** the account that made it; set from the caller's key, never from the request body */
    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

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

    /** {@code any} or {@code all} of {@link #countries} (rich filters) */
    @Column(name = "country_mode", nullable = false)
    public String countryMode = "any";

    /** keyword query in Lucene syntax over title/text, as the client wrote it; null = none */
    public String query;

    /** ISO 639-1, lower case; empty = any */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] languages = new String[0];

    /** source ids or names, lower case; empty = any */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] sources = new String[0];

    /** tags scored below this do not count; null = all count */
    @Column(name = "min_score")
    public Double minScore;

    /** the Atom feed's credential: /feeds/{feedToken}.atom; shown to the owner, rotatable */
    @Column(name = "feed_token", nullable = false)
    public String feedToken;

    /** lower-case {@link ChannelType#id()} */
    @Column(name = "channel_type", nullable = false)
    public String channelType;

    /** a secret: never logged, shown only redacted */
    @Column(name = "channel_url", nullable = false)
    public String channelUrl;

    /** webhook only: the {@code whsec_} signing secret; shown once (creation or rotation), never logged */
    @Column(name = "signing_secret")
    public String signingSecret;

    /** still signs, next to the new one, until {@link #previousSecretUntil} (so receivers can switch without loss) */
    @Column(name = "previous_signing_secret")
    public String previousSigningSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    /** set when the receiver said the channel is gone (Slack 403/404/410); nothing is matched until enabled */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
