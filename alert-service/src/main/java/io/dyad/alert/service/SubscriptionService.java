package io.dyad.alert.service;

import io.dyad.alert.egress.Urls;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.SubscriptionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Creates, reads and deletes subscriptions; each change is committed first, then this replica's index rebuilt. */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    SubscriptionValidator validator;

    @Inject
    SubscriptionIndexHolder index;

    public Subscription create(SubscriptionDraft draft) {
        ValidSubscription valid = validator.validate(draft);
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.name = valid.name();
        s.pairs = valid.pairs().toArray(String[]::new);
        s.countries = valid.countries().toArray(String[]::new);
        s.issues = valid.issues().toArray(String[]::new);
        s.channelType = valid.channelType().id();
        s.channelUrl = valid.channelUrl();
        // PostgreSQL keeps microseconds: truncate so the answer equals what a later GET reads
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        s.updatedAt = s.createdAt;
        QuarkusTransaction.requiringNew().run(() -> subscriptions.persist(s));
        index.rebuild();
        LOG.infof("Subscription %s created: pairs %s countries %s issues %s -> %s %s", s.id, valid.pairs(),
                valid.countries(), valid.issues(), s.channelType, Urls.redact(s.channelUrl));
        return s;
    }

    public List<Subscription> list() {
        return QuarkusTransaction.joiningExisting().call(subscriptions::listNewestFirst);
    }

    public Subscription get(String id) {
        UUID uuid = parseId(id);
        Subscription s = uuid == null ? null : QuarkusTransaction.joiningExisting().call(() -> subscriptions.findById(uuid));
        if (s == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        return s;
    }

    public void delete(String id) {
        UUID uuid = parseId(id);
        boolean deleted = uuid != null && QuarkusTransaction.requiringNew().call(() -> subscriptions.deleteById(uuid));
        if (!deleted) {
            throw new NotFoundException("no subscription with id " + id);
        }
        index.rebuild();
        LOG.infof("Subscription %s deleted", id);
    }

    /** Ids are UUIDs; anything else names no subscription. */
    static UUID parseId(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
