package io.dyad.alert.service;

import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.delivery.WebhookSignature;
import io.dyad.alert.digest.FrequencySettings;
import io.dyad.alert.egress.Urls;
import io.dyad.alert.matching.SubscriptionFilter;
import io.dyad.alert.email.EmailAddresses;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.FailureRepository;
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

    @Inject
    EmailChannelService email;

    @Inject
    FailureRepository failures;

    @Inject
    DigestService digests;

    @Inject
    java.time.Clock clock;

    @Inject
    io.dyad.alert.repository.DigestRepository digestRows;

    public Subscription create(UUID ownerId, SubscriptionDraft draft) {
        return create(ownerId, draft, null);
    }

    /** A new subscription; {@code frequency} null = immediate. Its first digest window (if any) opens now. */
    public Subscription create(UUID ownerId, SubscriptionDraft draft, FrequencySettings.Draft frequency) {
        ValidSubscription valid = validator.validate(draft);
        FrequencySettings settings = frequency(frequency);
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
        s.setFrequency(settings);
        s.channelType = valid.channelType().id();
        s.channelUrl = valid.channelUrl();
        s.emailAddress = valid.channelAddress();
        if (valid.channelType() == ChannelType.WEBHOOK) {
            s.signingSecret = WebhookSignature.newSecret();
        }
        if (valid.channelType() == ChannelType.EMAIL) {
            email.requireNotSuppressed(s.emailAddress);
        }
        // PostgreSQL keeps microseconds: truncate so the answer equals what a later GET reads
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        s.updatedAt = s.createdAt;
        boolean confirmationQueued = QuarkusTransaction.requiringNew().call(() -> {
            boolean needsConfirmation = s.emailAddress != null && email.prepare(s);
            subscriptions.persist(s);
            if (settings.frequency().isDigest() || needsConfirmation) {
                subscriptions.flush(); // the window and confirmation rows refer to the subscription row
            }
            if (settings.frequency().isDigest()) {
                s.nextDigestAt = digests.applyFrequency(s.id, settings, clock.instant()).end();
            }
            if (needsConfirmation) {
                email.queueConfirmation(s.id); // double opt-in: queued with the row, sent once it is committed
            }
            return needsConfirmation;
        });
        index.rebuild();
        LOG.infof("Subscription %s created by %s: pairs %s countries %s (%s) issues %s query %s -> %s %s", s.id,
                ownerId, valid.pairs(), valid.countries(), s.countryMode, valid.issues(),
                s.query == null ? "-" : "[" + s.query.length() + " chars]", s.channelType, s.emailAddress != null
                        ? EmailAddresses.mask(s.emailAddress) : Urls.redact(s.channelUrl));
        if (s.emailAddress != null) {
            // the answer does not wait on the SMTP server: the mail is queued and retried while the server fails
            s.confirmationMail = (confirmationQueued ? email.confirmationQueued()
                    : EmailChannelService.ConfirmationOutcome.NOT_NEEDED).describe();
        }
        return s;
    }

    /** What PATCH may change; null fields stay as they are. A filter replaces the whole old filter. */
    public record Changes(String name, FrequencySettings.Draft frequency, SubscriptionFilter filter) {
    }

    /**
     * Changes the owner's subscription's name, frequency and/or filter. A new frequency takes effect at once: a digest
     * subscription's open window is re-timed (its gathered stories kept); switching to immediate sends what was
     * gathered as a last digest; switching to a digest gathers from now on. A new filter decides from the next
     * article on (on every replica, through the index's change log); alerts already matched are still sent.
     */
    public Subscription update(UUID ownerId, String id, Changes changes) {
        UUID uuid = parseId(id);
        String name = changes.name() == null ? null : changes.name().strip();
        if (name != null && name.isEmpty()) {
            throw new InvalidInputException("name must not be blank");
        }
        if (name != null && name.length() > SubscriptionValidator.MAX_NAME) {
            throw new InvalidInputException("name is longer than " + SubscriptionValidator.MAX_NAME + " characters");
        }
        FrequencySettings settings = changes.frequency() == null ? null : frequency(changes.frequency());
        Instant now = clock.instant();
        record Updated(Subscription subscription, DigestService.Closed closed) {
        }
        Updated done = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            Subscription found = subscriptions.findOwned(ownerId, uuid);
            if (found == null) {
                return null;
            }
            DigestService.Closed closed = null;
            if (name != null) {
                found.name = name;
            }
            if (changes.filter() != null) {
                found.setFilter(changes.filter());
            }
            if (settings != null) {
                found.setFrequency(settings);
                closed = digests.applyFrequency(found.id, settings, now);
                found.nextDigestAt = settings.frequency().isDigest() && closed != null ? closed.end() : null;
            } else {
                withWindows(List.of(found));
            }
            found.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return new Updated(found, closed);
        });
        if (done == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        index.rebuild();
        if (settings != null && !settings.frequency().isDigest() && done.closed() != null
                && done.closed().stories() > 0) {
            digests.wake();
        }
        LOG.infof("Subscription %s updated: name %s, frequency %s, filter %s", id, name == null ? "kept" : "changed",
                settings == null ? "kept" : settings.frequency().id(), changes.filter() == null ? "kept" : "replaced");
        return done.subscription();
    }

    private static FrequencySettings frequency(FrequencySettings.Draft draft) {
        try {
            return FrequencySettings.parse(draft);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    public List<Subscription> list(UUID ownerId) {
        return QuarkusTransaction.joiningExisting().call(() -> withWindows(subscriptions.listOwnedNewestFirst(ownerId)));
    }

    /** Fills in each digest subscription's open window end, for answers. */
    private List<Subscription> withWindows(List<Subscription> list) {
        List<UUID> ids = list.stream().filter(s -> s.frequencySettings().frequency().isDigest()).map(s -> s.id)
                .toList();
        var ends = digestRows.windowEnds(ids);
        list.forEach(s -> s.nextDigestAt = ends.get(s.id));
        return list;
    }

    /** The owner's subscription; another owner's answers 404 exactly like an unknown id. */
    public Subscription get(UUID ownerId, String id) {
        UUID uuid = parseId(id);
        Subscription s = uuid == null ? null
                : QuarkusTransaction.joiningExisting().call(() -> {
                    Subscription found = subscriptions.findOwned(ownerId, uuid);
                    return found == null ? null : withWindows(List.of(found)).get(0);
                });
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

    /** What {@link #enable} did: the subscription, and how many queued and failed alerts it sent on their way. */
    public record Enabled(Subscription subscription, int resumed, int replayed) {
    }

    /**
     * Enables the owner's subscription (disabled because the receiver said the channel is gone, it failed for days,
     * the address was suppressed or the recipient unsubscribed) and replays its alerts: queued (PENDING, parked while
     * disabled) rows become due now, and FAILED rows made within {@code replay-window} (at most {@code replay-limit},
     * newest first) go back to PENDING with their attempts reset — the whole retry schedule again, under the same
     * delivery id, so receivers can still drop repeats. SENT rows are never sent again. An e-mail subscription whose
     * address is no longer confirmed gets a new confirmation mail first (its suppression, if any, is lifted); its
     * alerts wait, parked, until the recipient confirms.
     */
    public Enabled enable(UUID ownerId, String id) {
        UUID uuid = parseId(id);
        EnableDone done = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            Subscription found = subscriptions.findOwned(ownerId, uuid);
            if (found == null) {
                return null;
            }
            found.disabledAt = null;
            found.disabledReason = null;
            found.failingSince = null;
            found.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            boolean confirmationQueued = found.emailAddress != null && email.prepareEnable(found);
            withWindows(List.of(found));
            int resumed = failures.resumePending(found.id);
            int replayed = failures.replayFailed(found.id, config.delivery().replayWindow(),
                    config.delivery().replayLimit());
            return new EnableDone(found, confirmationQueued, resumed, replayed);
        });
        if (done == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        Subscription s = done.subscription();
        index.rebuild();
        if (done.confirmationQueued()) {
            s.confirmationMail = email.confirmationQueued().describe();
        }
        LOG.infof("Subscription %s enabled: %d queued alerts resumed, %d failed alerts replayed", id, done.resumed(),
                done.replayed());
        return new Enabled(s, done.resumed(), done.replayed());
    }

    /** The enable transaction's result; confirmationQueued when a new opt-in mail was queued. */
    private record EnableDone(Subscription subscription, boolean confirmationQueued, int resumed, int replayed) {
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
