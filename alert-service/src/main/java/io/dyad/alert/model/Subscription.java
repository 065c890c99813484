package io.dyad.alert.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
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

    /** a secret: never logged, shown only redacted; null for e-mail channels */
    @Column(name = "channel_url")
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

    /** e-mail channels: the recipient, as given (domain lower-cased) */
    @Column(name = "email_address")
    public String emailAddress;

    /** e-mail channels: when the recipient confirmed (double opt-in); nothing is matched or sent before */
    @Column(name = "email_confirmed_at")
    public Instant emailConfirmedAt;

    /** SHA-256 of the pending single-use confirmation token; null once used */
    @Column(name = "email_token_hash")
    public byte[] emailTokenHash;

    @Column(name = "email_token_expires_at")
    public Instant emailTokenExpiresAt;

    /** e-mail channels: the token in every mail's List-Unsubscribe link */
    @Column(name = "unsubscribe_token")
    public String unsubscribeToken;

    /** the first failed attempt since the channel last accepted an alert (null while it works) */
    @Column(name = "failing_since")
    public Instant failingSince;

    /** {@code immediate}, {@code hourly}, {@code daily} or {@code weekly} (see {@code digest.FrequencySettings}) */
    @Column(nullable = false)
    public String frequency = "immediate";

    /** daily and weekly digests: the local time they go out */
    @Column(name = "digest_time")
    public java.time.LocalTime digestTime;

    /** weekly digests: monday … sunday */
    @Column(name = "digest_day")
    public String digestDay;

    /** digests: the IANA zone the time (hourly: the top of the hour) is read in */
    @Column(name = "time_zone")
    public String timeZone;

    /**
     * not stored here: digests' open window end (from digest_schedules, filled for API answers only, so the matching
     * index's bulk load does not pay for it; overdue until a closer has run)
     */
    @Transient
    public Instant nextDigestAt;

    /** The validated frequency of this row. */
    public io.dyad.alert.digest.FrequencySettings frequencySettings() {
        return io.dyad.alert.digest.FrequencySettings.stored(frequency, digestTime, digestDay, timeZone);
    }

    /** Sets the frequency columns. */
    public void setFrequency(io.dyad.alert.digest.FrequencySettings f) {
        frequency = f.frequency().id();
        digestTime = f.time();
        digestDay = io.dyad.alert.digest.FrequencySettings.dayId(f.day());
        timeZone = f.frequency().isDigest() ? f.zone().getId() : null;
    }

    /** Sets the filter columns: each set sorted, so a row reads the same however the client ordered it. */
    public void setFilter(io.dyad.alert.matching.SubscriptionFilter f) {
        pairs = sorted(f.pairs());
        countries = sorted(f.countries());
        issues = sorted(f.issues());
        countryMode = f.countryMode().id();
        query = f.query();
        languages = sorted(f.languages());
        sources = sorted(f.sources());
        minScore = f.minScore();
    }

    private static String[] sorted(java.util.Set<String> values) {
        return values.stream().sorted().toArray(String[]::new);
    }

    /** not stored: what became of the confirmation mail sent by the request that made or enabled this one */
    @Transient
    public String confirmationMail;
}
