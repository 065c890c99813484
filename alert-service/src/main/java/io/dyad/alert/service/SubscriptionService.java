package io.dyad.alert.service;

import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.delivery.WebhookSignature;
import io.dyad.alert.egress.Urls;
import io.dyad.alert.model.ChannelType;
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

    @Inject
    AlertConfig config;

    public Subscription create(UUID ownerId, SubscriptionDraft draft) {
        ValidSubscription valid = validator.validate(draft);
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.ownerId = ownerId;
        s.name = valid.name();
        s.pairs = valid.pairs().toArray(String[]::new);
        s.countries = valid.countries().toArray(String[]::new);
        s.issues = valid.issues().toArray(String[]::new);
        s.countryMode = valid.countryMode().id();
        s.query = valid.query();
        s.languages = valid.languages().toArray(String[]::new);
        s.sources = valid.sources().toArray(String[]::new);
        s.minScore = valid.minScore();
        s.feedToken = FeedService.newToken();
        s.channelType = valid.channelType().id();
        s.channelUrl = valid.channelUrl();
        if (valid.channelType() == ChannelType.WEBHOOK) {
            s.signingSecret = WebhookSignature.newSecret();
        }
        // PostgreSQL keeps microseconds: truncate so the answer equals what a later GET reads
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        s.updatedAt = s.createdAt;
        QuarkusTransaction.requiringNew().run(() -> subscriptions.persist(s));
        index.rebuild();
        LOG.infof("Subscription %s created by %s: pairs %s countries %s (%s) issues %s query %s -> %s %s", s.id,
                ownerId, valid.pairs(), valid.countries(), s.countryMode, valid.issues(),
                s.query == null ? "-" : "[" + s.query.length() + " chars]", s.channelType, Urls.redact(s.channelUrl));
        return s;
    }

    public List<Subscription> list(UUID ownerId) {
        return QuarkusTransaction.joiningExisting().call(() -> subscriptions.listOwnedNewestFirst(ownerId));
    }

    /** The owner's subscription; another owner's answers 404 exactly like an unknown id. */
    public Subscription get(UUID ownerId, String id) {
        UUID uuid = parseId(id);
        Subscription s = uuid == null ? null
                : QuarkusTransaction.joiningExisting().call(() -> subscriptions.findOwned(ownerId, uuid));
        if (s == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        return s;
    }

    /** A new secret and until when the previous one still signs. */
    public record RotatedSecret(String secret, Instant previousSecretValidUntil) {
    }

    /**
     * Replaces the owner's webhook signing secret. The previous secret keeps signing (a second signature in the same
     * header) for the configured grace period, so receivers can switch without dropping alerts.
     */
    public RotatedSecret rotateSecret(UUID ownerId, String id) {
        UUID uuid = parseId(id);
        Instant until = Instant.now().plus(config.delivery().secretRotationGrace()).truncatedTo(ChronoUnit.MICROS);
        String secret = WebhookSignature.newSecret();
        Subscription s = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            Subscription found = subscriptions.findOwned(ownerId, uuid);
            if (found == null) {
                return null;
            }
            if (!ChannelType.WEBHOOK.id().equals(found.channelType)) {
                throw new InvalidInputException("only webhook channels have a signing secret; this one is "
                        + found.channelType);
            }
            found.previousSigningSecret = found.signingSecret;
            found.previousSecretUntil = until;
            found.signingSecret = secret;
            found.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return found;
        });
        if (s == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        LOG.infof("Subscription %s: signing secret rotated; the previous one signs too until %s", id, until);
        return new RotatedSecret(secret, until);
    }

    /** Enables a channel that was disabled after its receiver said it was gone; new articles match again. */
    public Subscription enable(UUID ownerId, String id) {
        UUID uuid = parseId(id);
        Subscription s = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            Subscription found = subscriptions.findOwned(ownerId, uuid);
            if (found != null && found.disabledAt != null) {
                found.disabledAt = null;
                found.disabledReason = null;
                found.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            }
            return found;
        });
        if (s == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        index.rebuild();
        LOG.infof("Subscription %s enabled", id);
        return s;
    }

    public void delete(UUID ownerId, String id) {
        UUID uuid = parseId(id);
        boolean deleted = uuid != null
                && QuarkusTransaction.requiringNew().call(() -> subscriptions.deleteOwned(ownerId, uuid));
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
