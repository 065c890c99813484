package io.dyad.alert.repository;

import io.dyad.alert.model.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public List<Subscription> listNewestFirst() {
        return listAll(Sort.descending("createdAt").and("id"));
    }
}
