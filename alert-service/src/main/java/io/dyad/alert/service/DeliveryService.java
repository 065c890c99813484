package io.dyad.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.delivery.RetrySchedule;
import io.dyad.alert.delivery.SlackMessage;
import io.dyad.alert.delivery.SlackSender;
import io.dyad.alert.delivery.WebhookSender;
import io.dyad.alert.egress.Urls;
import io.dyad.alert.matching.EvidenceSelector;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.model.Delivery;
import io.dyad.alert.model.DeliveryStatus;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.repository.DeliveryRepository;
import io.dyad.contracts.TaggedArticle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Claims due deliveries and makes one attempt at each: builds the alert, sends it through the channel, and records
 * the result (SENT, PENDING with the next attempt time, or FAILED) in a short transaction of its own — the HTTP call
 * never runs inside a database transaction.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    static final Duration RECORD_PATIENCE = Duration.ofMinutes(10);

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    WebhookSender webhooks;

    @Inject
    SlackSender slack;

    @Inject
    io.dyad.alert.repository.SubscriptionRepository subscriptionRows;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    RetrySchedule schedule;

    @Inject
    AlertConfig config;

    @Inject
    AlertMetrics metrics;

    @Inject
    ObjectMapper mapper;

    /** Claims up to {@code limit} due rows (SKIP LOCKED, leased for {@code dyad.alert.delivery.lease}). */
    public List<ClaimedDelivery> claimDue(int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() -> deliveries.claimDue(limit, config.delivery().lease()));
    }

    /** Hands a claimed row back unsent (its attempt not counted), due at once for any worker. */
    public void release(ClaimedDelivery claimed) {
        QuarkusTransaction.requiringNew().run(() -> deliveries.release(claimed.id(), claimed.attempt()));
        LOG.debugf("Delivery %s handed back unsent", claimed.id());
    }

    /** One attempt at a claimed delivery; returns the status it is left in. */
    public DeliveryStatus attempt(ClaimedDelivery claimed) {
        DeliveryOutcome outcome = send(claimed);
        if (outcome instanceof DeliveryOutcome.ChannelGone gone) {
            disableChannel(claimed, gone.error());
        }
        RetrySchedule.Decision decision = schedule.decide(claimed.attempt(), outcome);
        String error = decision.error() == null ? null : truncate(decision.error());
        boolean recorded = recordWithRetry(claimed, decision, error);
        String target = claimed.channelType() + " " + Urls.redact(claimed.channelUrl());
        if (!recorded) {
            LOG.infof("Delivery %s: result of attempt %d not recorded (subscription deleted or attempt superseded)",
                    claimed.id(), claimed.attempt());
        }
        switch (decision.status()) {
            case SENT -> {
                Instant now = Instant.now();
                Duration sinceMatch = Duration.between(claimed.createdAt(), now);
                metrics.delivered(claimed.publishedAt() == null ? null : Duration.between(claimed.publishedAt(), now),
                        sinceMatch);
                metrics.deliveryAttempt(claimed.channelType(), "sent");
                LOG.infof("Delivery %s of story %s sent to %s (attempt %d, %d ms after the match)", claimed.id(),
                        claimed.storyId(), target, claimed.attempt(), sinceMatch.toMillis());
            }
            case PENDING -> {
                metrics.deliveryAttempt(claimed.channelType(), "retry");
                LOG.infof("Delivery %s to %s failed (attempt %d: %s); next attempt in %s", claimed.id(), target,
                        claimed.attempt(), error, decision.retryIn());
            }
            case FAILED -> {
                metrics.deliveryAttempt(claimed.channelType(), "failed");
                LOG.warnf("Delivery %s to %s FAILED after attempt %d: %s", claimed.id(), target, claimed.attempt(),
                        error);
            }
        }
        return decision.status();
    }

    /**
     * Records the attempt, waiting out a database outage (up to {@link #RECORD_PATIENCE}): an alert that went out but
     * is not recorded as SENT would be sent again once its lease runs out.
     */
    private boolean recordWithRetry(ClaimedDelivery claimed, RetrySchedule.Decision decision, String error) {
        long deadline = System.nanoTime() + RECORD_PATIENCE.toNanos();
        // short waits: once the database is back, this should win the race against a worker re-claiming the row
        // whose lease ran out meanwhile
        long wait = 100;
        for (int failures = 1;; failures++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> deliveries.recordAttempt(claimed.id(),
                        claimed.attempt(), decision.status(), decision.retryIn(), error, decision.statusCode()));
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warnf("Delivery %s: cannot record attempt %d yet (%s), retrying", claimed.id(),
                            claimed.attempt(), Failures.rootMessage(e));
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = Math.min(wait * 2, 500);
            }
        }
    }

    private DeliveryOutcome send(ClaimedDelivery claimed) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(payload(claimed));
        } catch (JsonProcessingException | RuntimeException e) {
            // the stored article cannot be turned into an alert: retrying will not help
            LOG.errorf(e, "Delivery %s: cannot build the alert", claimed.id());
            return DeliveryOutcome.Failed.permanent("cannot build the alert: " + e.getMessage());
        }
        ChannelType type = ChannelType.fromId(claimed.channelType()).orElse(null);
        if (type == ChannelType.SLACK) {
            try {
                return slack.send(claimed.channelUrl(), mapper.writeValueAsBytes(SlackMessage.of(payload(claimed))));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.errorf(e, "Delivery %s: cannot build the Slack message", claimed.id());
                return DeliveryOutcome.Failed.permanent("cannot build the Slack message: " + e.getMessage());
            }
        }
        if (type != ChannelType.WEBHOOK) {
            return DeliveryOutcome.Failed.permanent("unsupported channel type " + claimed.channelType());
        }
        return webhooks.send(claimed.channelUrl(), claimed.id().toString(), claimed.signingSecrets(), body);
    }

    /**
     * The receiver said the channel is gone: the subscription stops matching (on every replica at its next index
     * refresh) and shows {@code channel.disabled} with the reason until its owner enables it again.
     */
    private void disableChannel(ClaimedDelivery claimed, String reason) {
        boolean disabled = QuarkusTransaction.requiringNew().call(() -> subscriptionRows.disable(
                claimed.subscriptionId(), truncate(reason), Instant.now()));
        if (disabled) {
            index.rebuild();
            LOG.warnf("Subscription %s: channel %s disabled: %s", claimed.subscriptionId(), claimed.channelType(),
                    reason);
        }
    }

    /** The alert body: see {@link AlertPayload}. */
    AlertPayload payload(ClaimedDelivery claimed) throws JsonProcessingException {
        TaggedArticle article = mapper.readValue(claimed.articlePayload(), TaggedArticle.class);
        return new AlertPayload(claimed.id().toString(),
                new AlertPayload.SubscriptionRef(claimed.subscriptionId().toString(), claimed.subscriptionName()),
                new AlertPayload.ArticleRef(article.articleId(), article.storyId(), article.title(), article.url(),
                        article.source() == null ? null : article.source().name(), article.publishedAt(),
                        article.language()),
                new AlertPayload.Matched(claimed.matchedPairs(), claimed.matchedIssues()),
                EvidenceSelector.select(article, claimed.matchedPairs(), claimed.matchedCountries(),
                        claimed.matchedIssues()));
    }

    /** The newest deliveries of a subscription; 404 when the subscription does not exist. */
    /** Deliveries of the owner's subscription; another owner's subscription answers 404. */
    public List<DeliveryView> list(UUID ownerId, String subscriptionId, String status, int limit) {
        UUID id = subscriptions.get(ownerId, subscriptionId).id;
        DeliveryStatus wanted = parseStatus(status);
        return QuarkusTransaction.joiningExisting().call(() -> deliveries.listForSubscription(id, wanted, limit))
                .stream().map(DeliveryService::view).toList();
    }

    private static DeliveryStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status \"" + status + "\" is not one of "
                    + Arrays.toString(DeliveryStatus.values()));
        }
    }

    private static DeliveryView view(DeliveryRepository.DeliveryWithArticle row) {
        Delivery d = row.delivery();
        Duration latency = d.sentAt == null ? null : Duration.between(d.createdAt, d.sentAt);
        Duration publication = d.sentAt == null || row.publishedAt() == null ? null
                : Duration.between(row.publishedAt(), d.sentAt);
        return new DeliveryView(d.id, d.subscriptionId, d.storyId, d.articleId, d.channelType, d.status.name(),
                d.attempts, d.lastError, d.lastStatusCode, d.createdAt,
                d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null, d.sentAt, latency, publication,
                List.of(d.matchedPairs), List.of(d.matchedCountries), List.of(d.matchedIssues));
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
