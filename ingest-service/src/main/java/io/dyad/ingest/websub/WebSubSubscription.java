package io.dyad.ingest.websub;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A WebSub subscription of one source's feed at its hub. */
@Entity
@Table(name = "websub_subscriptions")
public class WebSubSubscription extends PanacheEntityBase {

    public enum State {
        REQUESTED, ACTIVE, DENIED, FAILED
    }

    @Id
    @Column(name = "source_id")
    public Long sourceId;

    @Column(name = "hub_url", nullable = false, length = 2048)
    public String hubUrl;

    @Column(name = "topic_url", nullable = false, length = 2048)
    public String topicUrl;

    /** HMAC key for X-Hub-Signature; never shown or logged. */
    @Column(nullable = false, length = 128)
    public String secret;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 16)
    public State state;

    @Column(name = "lease_seconds")
    public Long leaseSeconds;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_push_at")
    public Instant lastPushAt;

    @Column(name = "last_error", length = 2000)
    public String lastError;
}
