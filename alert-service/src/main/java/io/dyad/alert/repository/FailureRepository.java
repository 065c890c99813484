package io.dyad.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Failure bookkeeping in plain SQL: how long a channel has failed, replays, and owner notices. Callers hold the transaction. */
@ApplicationScoped
public class FailureRepository {

    @Inject
    EntityManager em;

    /** A failed attempt: starts the failing period unless one is running; returns its start. */
    public Instant markFailing(UUID subscriptionId) {
        List<?> rows = em.createNativeQuery("UPDATE subscriptions SET failing_since = coalesce(failing_since, now())"
                + " WHERE id = ?1 RETURNING failing_since").setParameter(1, subscriptionId).getResultList();
        return rows.isEmpty() ? null : instant(rows.get(0));
    }

    /** A success ends the failing period. */
    public void markWorking(UUID subscriptionId) {
        em.createNativeQuery("UPDATE subscriptions SET failing_since = NULL WHERE id = ?1 AND failing_since IS NOT NULL")
                .setParameter(1, subscriptionId).executeUpdate();
    }

    /** A batch of successes ends the failing period of each of these subscriptions (those not failing are untouched). */
    public void markWorking(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE subscriptions SET failing_since = NULL WHERE id = ANY(?) AND failing_since IS NOT NULL")) {
                update.setArray(1, connection.createArrayOf("uuid", subscriptionIds.toArray()));
                update.executeUpdate();
            }
        });
    }

    /**
     * Replay: the subscription's FAILED deliveries made within {@code window} (newest first, at most {@code limit})
     * go back to PENDING with their attempts reset, due now — the full retry schedule again, under the same delivery id
     * (so the same webhook-id / Message-ID). SENT rows are never touched. A failed story of a digest subscription that
     * never reached a digest (failed while waiting, e.g. by an unsubscribe) waits again, QUEUED, for the next digest;
     * a failed digest is sent again as it was. Returns how many.
     */
    public int replayFailed(UUID subscriptionId, Duration window, int limit) {
        return em.createNativeQuery("""
                UPDATE deliveries d SET attempts = 0, next_attempt_at = now(),
                    status = CASE WHEN d.kind = 'story' AND d.digest_id IS NULL AND EXISTS (SELECT 1 FROM subscriptions s
                                  WHERE s.id = d.subscription_id AND s.frequency <> 'immediate')
                             THEN 'QUEUED' ELSE 'PENDING' END
                WHERE id IN (SELECT id FROM deliveries WHERE subscription_id = ?1 AND status = 'FAILED'
                             AND created_at >= now() - make_interval(secs => ?2)
                             ORDER BY created_at DESC LIMIT ?3)
                """).setParameter(1, subscriptionId).setParameter(2, (double) window.toSeconds())
                .setParameter(3, limit).executeUpdate();
    }

    /** Queued rows (parked while the channel was disabled, or waiting for a retry) become due now. Returns how many. */
    public int resumePending(UUID subscriptionId) {
        return em.createNativeQuery("UPDATE deliveries SET next_attempt_at = now() WHERE subscription_id = ?1"
                + " AND status = 'PENDING'").setParameter(1, subscriptionId).executeUpdate();
    }

    /**
     * Records a notice to the subscription's owner unless one of the same kind was recorded for it within
     * {@code interval} (a dead endpoint must not flood its owner). True when recorded.
     */
    public boolean recordNotice(UUID subscriptionId, UUID deliveryId, String kind, String message, Duration interval) {
        return em.createNativeQuery("""
                INSERT INTO owner_notices (id, owner_id, subscription_id, delivery_id, kind, message)
                SELECT ?1, s.owner_id, s.id, ?2, ?3, ?4 FROM subscriptions s
                WHERE s.id = ?5 AND NOT EXISTS (SELECT 1 FROM owner_notices n WHERE n.subscription_id = s.id
                    AND n.kind = ?3 AND n.created_at > now() - make_interval(secs => ?6))
                """).setParameter(1, UUID.randomUUID()).setParameter(2, deliveryId).setParameter(3, kind)
                .setParameter(4, message).setParameter(5, subscriptionId)
                .setParameter(6, (double) interval.toSeconds()).executeUpdate() == 1;
    }

    /** A notice claimed for one attempt. */
    public record ClaimedNotice(UUID id, UUID ownerId, UUID subscriptionId, String subscriptionName, String kind,
            String message, int attempt, Instant createdAt) {
    }

    /** Due PENDING notices, hidden from other replicas for {@code lease}. */
    @SuppressWarnings("unchecked")
    public List<ClaimedNotice> claimNotices(int limit, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("""
                WITH due AS (
                    SELECT id FROM owner_notices WHERE status = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED
                ), claimed AS (
                    UPDATE owner_notices n SET attempts = n.attempts + 1,
                        next_attempt_at = now() + make_interval(secs => ?2)
                    FROM due WHERE n.id = due.id
                    RETURNING n.id, n.owner_id, n.subscription_id, n.kind, n.message, n.attempts, n.created_at
                )
                SELECT c.id, c.owner_id, c.subscription_id, s.name, c.kind, c.message, c.attempts, c.created_at
                FROM claimed c LEFT JOIN subscriptions s ON s.id = c.subscription_id
                """).setParameter(1, limit).setParameter(2, (double) lease.toSeconds()).getResultList();
        List<ClaimedNotice> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new ClaimedNotice((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                    (String) r[5], ((Number) r[6]).intValue(), instant(r[7])));
        }
        return out;
    }

    /** Where an owner can be told: a channel of another subscription of theirs that works. */
    public record NoticeChannel(UUID subscriptionId, String channelType, String channelUrl, String emailAddress,
            String signingSecret) {
    }

    /**
     * The owner's other working channels, confirmed e-mail first: enabled, not the failing subscription, not the same
     * URL or address as it, and for e-mail confirmed and not suppressed.
     */
    @SuppressWarnings("unchecked")
    public List<NoticeChannel> noticeChannels(UUID ownerId, UUID failingSubscriptionId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT s.id, s.channel_type, s.channel_url, s.email_address, s.signing_secret
                FROM subscriptions s
                LEFT JOIN subscriptions f ON f.id = ?2
                WHERE s.owner_id = ?1 AND s.id IS DISTINCT FROM ?2 AND s.disabled_at IS NULL
                  AND (s.channel_type <> 'email' OR (s.email_confirmed_at IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM email_suppressions x WHERE x.address = s.email_address)))
                  AND (f.channel_url IS NULL OR s.channel_url IS DISTINCT FROM f.channel_url)
                  AND (f.email_address IS NULL OR s.email_address IS DISTINCT FROM f.email_address)
                ORDER BY CASE s.channel_type WHEN 'email' THEN 0 ELSE 1 END, s.created_at
                LIMIT 3
                """).setParameter(1, ownerId).setParameter(2, failingSubscriptionId).getResultList();
        List<NoticeChannel> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new NoticeChannel((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]));
        }
        return out;
    }

    /** The outcome of one attempt at a notice (only if it is still this attempt's). */
    public void recordNotice(UUID id, int attempt, String status, String via, String error, Duration retryIn) {
        em.createNativeQuery("""
                UPDATE owner_notices SET status = ?1, notified_via = ?2, last_error = coalesce(?3, last_error),
                    sent_at = CASE WHEN ?1 = 'SENT' THEN now() ELSE sent_at END,
                    next_attempt_at = now() + make_interval(secs => ?4)
                WHERE id = ?5 AND attempts = ?6 AND status = 'PENDING'
                """).setParameter(1, status).setParameter(2, via).setParameter(3, error)
                .setParameter(4, retryIn == null ? 0.0 : (double) retryIn.toSeconds()).setParameter(5, id)
                .setParameter(6, attempt).executeUpdate();
    }

    /** A notice as the owner reads it. */
    public record NoticeRow(UUID id, UUID subscriptionId, UUID deliveryId, String kind, String message, String status,
            int attempts, String notifiedVia, String lastError, Instant createdAt, Instant sentAt) {
    }

    @SuppressWarnings("unchecked")
    public List<NoticeRow> listNotices(UUID ownerId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, subscription_id, delivery_id, kind, message, status, attempts, notified_via, last_error,
                       created_at, sent_at
                FROM owner_notices WHERE owner_id = ?1 ORDER BY created_at DESC, id LIMIT ?2
                """).setParameter(1, ownerId).setParameter(2, limit).getResultList();
        List<NoticeRow> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new NoticeRow((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5],
                    ((Number) r[6]).intValue(), (String) r[7], (String) r[8], instant(r[9]), instant(r[10])));
        }
        return out;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
