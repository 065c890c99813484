package io.dyad.alert.repository;

import io.dyad.alert.model.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The e-mail channel's rows: confirmation and unsubscribe tokens, and suppressed addresses. Callers hold the transaction. */
@ApplicationScoped
public class EmailChannelRepository {

    @Inject
    EntityManager em;

    /** The subscription whose pending confirmation token hashes to {@code hash}, locked against a second use. */
    public Subscription findByTokenHash(byte[] hash) {
        return em.createQuery("from Subscription where emailTokenHash = :h", Subscription.class)
                .setParameter("h", hash).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
    }

    public Subscription findByUnsubscribeToken(String token) {
        return em.createQuery("from Subscription where unsubscribeToken = :t", Subscription.class)
                .setParameter("t", token).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
    }

    /** True when this owner already has a confirmed subscription to the address: no second opt-in is needed. */
    public boolean ownerConfirmed(UUID ownerId, String address) {
        return !em.createQuery("select s.id from Subscription s where s.ownerId = :o and s.emailAddress = :a"
                        + " and s.emailConfirmedAt is not null", UUID.class)
                .setParameter("o", ownerId).setParameter("a", address).setMaxResults(1).getResultList().isEmpty();
    }

    /** Why an address is suppressed, or null when it is not. */
    public String suppression(String address) {
        List<?> rows = em.createNativeQuery("SELECT reason || ' (since ' || to_char(suppressed_at AT TIME ZONE 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ')' FROM email_suppressions WHERE address = ?1")
                .setParameter(1, address).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Records a suppression (the first reason is kept); true when it is new. */
    public boolean suppress(String address, String reason, Integer smtpCode) {
        return em.createNativeQuery("INSERT INTO email_suppressions (address, reason, smtp_code) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (address) DO NOTHING")
                .setParameter(1, address).setParameter(2, reason).setParameter(3, smtpCode).executeUpdate() == 1;
    }

    public boolean unsuppress(String address) {
        return em.createNativeQuery("DELETE FROM email_suppressions WHERE address = ?1").setParameter(1, address)
                .executeUpdate() == 1;
    }

    /**
     * Every subscription mailing {@code address} stops: disabled with {@code reason} and unconfirmed (enabling one
     * again needs a new opt-in, which proves the mailbox works again). Returns how many were changed.
     */
    public int disableAddress(String address, String reason, Instant at) {
        return em.createQuery("update Subscription set disabledAt = :at, disabledReason = :r, emailConfirmedAt = null,"
                        + " emailTokenHash = null, updatedAt = :at where emailAddress = :a and disabledAt is null")
                .setParameter("at", at).setParameter("r", reason).setParameter("a", address).executeUpdate();
    }

    /**
     * Queued alerts of a subscription that will not be sent any more (and stories waiting for its next digest): FAILED
     * with {@code reason}.
     */
    public int failPending(UUID subscriptionId, String reason) {
        return em.createNativeQuery("UPDATE deliveries SET status = 'FAILED', last_error = ?2"
                        + " WHERE subscription_id = ?1 AND status IN ('PENDING', 'QUEUED')")
                .setParameter(1, subscriptionId).setParameter(2, reason).executeUpdate();
    }

    /** Where an e-mail subscription's alerts go right now: its address, link token, and whether it may be mailed. */
    public record EmailTarget(String address, String unsubscribeToken, boolean confirmed, String suppression) {
    }

    public EmailTarget target(UUID subscriptionId) {
        Subscription s = em.find(Subscription.class, subscriptionId);
        if (s == null || s.emailAddress == null) {
            return null;
        }
        return new EmailTarget(s.emailAddress, s.unsubscribeToken, s.emailConfirmedAt != null,
                suppression(s.emailAddress));
    }
}
