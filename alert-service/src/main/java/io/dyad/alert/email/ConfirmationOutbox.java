package io.dyad.alert.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code confirmation_mails} outbox (V16): queued double opt-in mails, claimed by every replica's sweep with
 * {@code SKIP LOCKED} and a lease, like alert deliveries. Callers hold the transaction.
 */
@ApplicationScoped
public class ConfirmationOutbox {

    @Inject
    EntityManager em;

    /** A claimed row: its attempt number counts this one. */
    public record Claimed(UUID id, UUID subscriptionId, int attempt) {
    }

    /**
     * Queues a confirmation for the subscription, due now. When one is already queued (e.g. waiting for a retry
     * while the SMTP server is down) it becomes due now instead: at most one queued per subscription.
     */
    public void queue(UUID subscriptionId) {
        em.createNativeQuery("""
                INSERT INTO confirmation_mails (id, subscription_id, status, next_attempt_at)
                VALUES (?1, ?2, 'PENDING', now())
                ON CONFLICT (subscription_id) WHERE status = 'PENDING' DO UPDATE SET next_attempt_at = now()
                """).setParameter(1, UUID.randomUUID()).setParameter(2, subscriptionId).executeUpdate();
    }

    /** Whether a confirmation of the subscription is queued and not yet sent. */
    public boolean isQueued(UUID subscriptionId) {
        return !em.createNativeQuery("SELECT 1 FROM confirmation_mails WHERE subscription_id = ?1"
                        + " AND status = 'PENDING'").setParameter(1, subscriptionId).setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** Claims up to {@code limit} due rows, hiding them from other replicas for {@code lease}. */
    @SuppressWarnings("unchecked")
    public List<Claimed> claim(int limit, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("""
                WITH due AS (
                    SELECT id FROM confirmation_mails WHERE status = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED
                ), claimed AS (
                    UPDATE confirmation_mails c SET attempts = c.attempts + 1,
                        next_attempt_at = now() + make_interval(secs => ?2)
                    FROM due WHERE c.id = due.id
                    RETURNING c.id, c.subscription_id, c.attempts
                )
                SELECT id, subscription_id, attempts FROM claimed
                """).setParameter(1, limit).setParameter(2, (double) lease.toSeconds()).getResultList();
        List<Claimed> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Claimed((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue()));
        }
        return out;
    }

    public void markSent(UUID id) {
        em.createNativeQuery("UPDATE confirmation_mails SET status = 'SENT', sent_at = now(), last_error = NULL"
                + " WHERE id = ?1").setParameter(1, id).executeUpdate();
    }

    /** Another attempt after {@code wait}. */
    public void retryIn(UUID id, Duration wait, String error) {
        em.createNativeQuery("UPDATE confirmation_mails SET next_attempt_at = now() + make_interval(secs => ?2),"
                        + " last_error = ?3 WHERE id = ?1 AND status = 'PENDING'")
                .setParameter(1, id).setParameter(2, wait.toMillis() / 1000.0).setParameter(3, error).executeUpdate();
    }

    /** Ends the row: {@code FAILED} (given up) or {@code CANCELLED} (no longer needed), with why. */
    public void finish(UUID id, String status, String why) {
        em.createNativeQuery("UPDATE confirmation_mails SET status = ?2, last_error = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, status).setParameter(3, why).executeUpdate();
    }

    /** Queued confirmations of the subscription are no longer needed (it was confirmed or disabled meanwhile). */
    public void cancelQueued(UUID subscriptionId, String why) {
        em.createNativeQuery("UPDATE confirmation_mails SET status = 'CANCELLED', last_error = ?2"
                        + " WHERE subscription_id = ?1 AND status = 'PENDING'")
                .setParameter(1, subscriptionId).setParameter(2, why).executeUpdate();
    }
}
