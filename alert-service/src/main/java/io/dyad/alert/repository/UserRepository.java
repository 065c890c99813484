package io.dyad.alert.repository;

import io.dyad.alert.model.User;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public List<User> listOldestFirst() {
        return listAll(Sort.ascending("createdAt").and("id"));
    }
}
