package io.dyad.ingest.websub;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A deleted source's request to end its WebSub subscription, kept until the hub verifies the intent at the callback
 * (the spec has the subscriber answer 404 to an unsubscribe it did not ask for, so we must remember that we did).
 */
@Entity
@Table(name = "websub_unsubscriptions")
public class WebSubUnsubscription extends PanacheEntityBase {

    @Id
    @Column(name = "source_id")
    public Long sourceId;

    @Column(name = "hub_url", nullable = false, length = 2048)
    public String hubUrl;

    @Column(name = "topic_url", nullable = false, length = 2048)
    public String topicUrl;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;
}
