package io.dyad.ingest.repository;

import io.dyad.ingest.model.Source;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<Source, Long> {

    public List<Source> listAllById() {
        return listAll(Sort.by("id"));
    }

    public Optional<Source> findByUrl(String url) {
        return find("url", url).firstResultOptional();
    }

    /**
     * Claims up to {@code limit} sources due at {@code now} for this replica: rows locked by another replica's claim
     * are skipped, and the claimed rows' next_fetch_at moves to {@code leaseUntil} so nobody else takes them until
     * the fetch records its result (or the lease runs out because this replica died). Call inside a transaction.
     */
    @SuppressWarnings("unchecked")
    public List<Long> claimDue(Instant now, int limit, Instant leaseUntil) {
        List<Number> rows = getEntityManager().createNativeQuery(
                        "SELECT id FROM sources WHERE next_fetch_at <= :now AND status <> 'DISABLED' "
                                + "ORDER BY next_fetch_at, id "
                                + "LIMIT :limit FOR UPDATE SKIP LOCKED")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        List<Long> ids = rows.stream().map(Number::longValue).toList();
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery(
                            "UPDATE sources SET next_fetch_at = :lease, updated_at = :now WHERE id IN (:ids)")
                    .setParameter("lease", leaseUntil)
                    .setParameter("now", now)
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
        return ids;
    }
}
