package io.dyad.alert.repository;

import io.dyad.alert.model.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    /** Ids bound in one {@code IN} list, well under PostgreSQL's 65,535 parameters per statement. */
    static final int IDS_PER_QUERY = 10_000;

    public List<Subscription> listNewestFirst() {
        return listAll(Sort.descending("createdAt").and("id"));
    }

    /** What the matcher indexes: subscriptions whose channel is not disabled (and, for e-mail, is confirmed). */
    public List<Subscription> listEnabled() {
        return list("disabledAt is null and (channelType <> 'email' or emailConfirmedAt is not null)");
    }

    /** Marks the channel gone; true when this call disabled it. */
    public boolean disable(UUID id, String reason, java.time.Instant at) {
        return update("disabledAt = ?1, disabledReason = ?2 where id = ?3 and disabledAt is null", at, reason, id) > 0;
    }

    /** The owner's subscriptions only: every API read goes through an owner filter. */
    public List<Subscription> listOwnedNewestFirst(UUID ownerId) {
        return list("ownerId", Sort.descending("createdAt").and("id"), ownerId);
    }

    /** The owner's subscription with this id; another owner's is not found. */
    public Subscription findOwned(UUID ownerId, UUID id) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    public boolean deleteOwned(UUID ownerId, UUID id) {
        return delete("id = ?1 and ownerId = ?2", id, ownerId) > 0;
    }

    /** A row of the change log: a subscription changed (null id: all of them, a truncate). */
    public record Change(long seq, UUID subscriptionId) {
    }

    /** The change log after {@code seq}, oldest first. */
    public List<Change> changesAfter(long seq) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                "SELECT seq, subscription_id FROM subscription_change_log WHERE seq > ?1 ORDER BY seq")
                .setParameter(1, seq).getResultList();
        return rows.stream().map(r -> new Change(((Number) r[0]).longValue(),
                r[1] == null ? null : r[1] instanceof UUID u ? u : UUID.fromString(r[1].toString()))).toList();
    }

    /**
     * Those of {@code ids} the matcher indexes (see {@link #listEnabled()}); the others are gone or disabled. Asked in
     * chunks: one statement takes at most 65,535 parameters, and a bulk import changes more rows than that.
     */
    public List<Subscription> listEnabled(java.util.Collection<UUID> ids) {
        List<UUID> all = List.copyOf(ids);
        List<Subscription> found = new java.util.ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            found.addAll(list("id in ?1 and disabledAt is null and (channelType <> 'email' or emailConfirmedAt is not"
                    + " null)", all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))));
        }
        return found;
    }

    /** Deletes change log rows older than {@code age}; the number deleted. */
    public int pruneChangeLog(java.time.Duration age) {
        return getEntityManager().createNativeQuery(
                "DELETE FROM subscription_change_log WHERE changed_at < clock_timestamp() - ?1 * interval '1 second'")
                .setParameter(1, age.toSeconds()).executeUpdate();
    }

    /** The subscription change counter (a sequence a trigger draws from with every change). */
    public Long indexVersion() {
        Object v = getEntityManager().createNativeQuery("SELECT last_value FROM subscription_changes")
                .getSingleResult();
        return v == null ? null : ((Number) v).longValue();
    }

    /** The subscription whose Atom feed token this is, or null. */
    public Subscription findByFeedToken(String token) {
        return find("feedToken", token).firstResult();
    }
}
