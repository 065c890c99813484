package io.dyad.alert.repository;

import io.dyad.alert.model.ApiKey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public Optional<ApiKey> findByPrefix(String prefix) {
        return find("prefix", prefix).firstResultOptional();
    }

    public List<ApiKey> listForUser(UUID userId) {
        return list("userId", Sort.descending("createdAt").and("id"), userId);
    }

    /** The user's key with this id, or empty: another user's key is not found. */
    public Optional<ApiKey> findOwned(UUID userId, UUID keyId) {
        return find("id = ?1 and userId = ?2", keyId, userId).firstResultOptional();
    }
}
