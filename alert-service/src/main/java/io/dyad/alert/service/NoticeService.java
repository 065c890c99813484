package io.dyad.alert.service;

import io.dyad.alert.repository.FailureRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** Reads an owner's notices (only theirs). */
@ApplicationScoped
public class NoticeService {

    @Inject
    FailureRepository rows;

    public List<FailureRepository.NoticeRow> list(UUID ownerId, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> rows.listNotices(ownerId, limit));
    }
}
