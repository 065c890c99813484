package io.dyad.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.delivery.AlertPayload;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.delivery.EmailSender;
import io.dyad.alert.delivery.RetrySchedule;
import io.dyad.alert.delivery.SlackMessage;
import io.dyad.alert.delivery.SlackSender;
import io.dyad.alert.delivery.WebhookSender;
import io.dyad.alert.egress.Urls;
import io.dyad.alert.email.AlertMail;
import io.dyad.alert.email.EmailAddresses;
import io.dyad.alert.email.EmailLinks;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.model.Delivery;
import io.dyad.alert.model.DeliveryStatus;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.repository.DeliveryRepository;
import io.dyad.alert.repository.EmailChannelRepository;
import io.dyad.alert.repository.FailureRepository;
import io.dyad.contracts.TaggedArticle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Inject
    EmailSender email;

    @Inject
    EmailChannelRepository emailRows;

    @Inject
    EmailChannelService emailChannel;

    @Inject
    EmailLinks links;

    @Inject
    FailureRepository failureRows;

    @Inject
    OwnerNotices notices;

    @Inject
    DigestSender digestSender;

    @Inject
    ArticleCache articleCache;

    @Inject
    SentRecorder sentRecorder;

    @Inject
    RenderedAlerts rendered;

    /** Claims up to {@code limit} due rows (SKIP LOCKED, leased for {@code dyad.alert.delivery.lease}). */
    public List<ClaimedDelivery> claimDue(int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() -> articleCache.attach(deliveries.claimDue(limit, config.delivery().lease())));
    }

    /** Hands a claimed row back unsent (its attempt not counted), due at once for any worker. */
    public void release(ClaimedDelivery claimed) {
        QuarkusTransaction.requiringNew().run(() -> deliveries.release(claimed.id(), claimed.attempt()));
        LOG.debugf("Delivery %s handed back unsent", claimed.id());
    }

    /** One attempt at a claimed delivery; returns the status it is left in. */
    public DeliveryStatus attempt(ClaimedDelivery claimed) {
        ChannelType type = ChannelType.fromId(claimed.channelType()).orElse(null);
        EmailChannelRepository.EmailTarget emailTarget = type != ChannelType.EMAIL ? null
                : QuarkusTransaction.requiringNew().call(() -> emailRows.target(claimed.subscriptionId()));
        DeliveryOutcome outcome = send(claimed, type, emailTarget);
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            // the hot path: recorded in a batch with other senders' successes (SentRecorder)
            sentRecorder.sent(claimed, delivered.statusCode());
            return DeliveryStatus.SENT;
        }
        if (outcome instanceof DeliveryOutcome.ChannelGone gone) {
            if (emailTarget != null) {
                // the mail server refused the address for good: no more mail to it, from any subscription
                emailChannel.suppress(emailTarget.address(), gone.error(), gone.statusCode());
            } else {
                disableChannel(claimed, gone.error());
            }
            notices.record(claimed.subscriptionId(), claimed.id(), OwnerNotices.CHANNEL_DISABLED,
                    "The channel of subscription \"" + claimed.subscriptionName() + "\" was disabled: "
                            + truncate(gone.error()) + ". Fix it, then POST /subscriptions/" + claimed.subscriptionId()
                            + "/enable (which also replays the failed alerts).");
        }
        RetrySchedule.Decision decision = schedule.decide(claimed.attempt(), outcome);
        String error = decision.error() == null ? null : truncate(decision.error());
        boolean recorded = recordWithRetry(claimed, decision, error);
        if (recorded) {
            trackFailingPeriod(claimed, outcome);
        }
        if (recorded && decision.status() == DeliveryStatus.FAILED) {
            notices.record(claimed.subscriptionId(), claimed.id(), OwnerNotices.DELIVERY_FAILED,
                    (claimed.isDigest() ? "A digest" : "An alert") + " of subscription \""
                            + claimed.subscriptionName() + "\" (" + (claimed.isDigest() ? "window "
                            + claimed.windowStart() + " to " + claimed.windowEnd() : "story " + claimed.storyId())
                            + ", delivery " + claimed.id() + ") could not be delivered after " + claimed.attempt()
                            + " attempt(s): " + error + ". POST /subscriptions/" + claimed.subscriptionId()
                            + "/enable replays failed alerts.");
        }
        String target = claimed.channelType() + " " + (emailTarget != null
                ? EmailAddresses.mask(emailTarget.address()) : Urls.redact(claimed.channelUrl()));
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
                LOG.infof("Delivery %s of %s sent to %s (attempt %d, %d ms after the match)", claimed.id(),
                        claimed.isDigest() ? "a digest" : "story " + claimed.storyId(), target, claimed.attempt(), sinceMatch.toMillis());
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
                        claimed.attempt(), decision.status(), decision.retryIn(), error, decision.statusCode(),
                        decision.uncounted()));
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

    /**
     * A channel whose every attempt has failed since {@code failing_since} for longer than {@code disable-after}
     * (5 days) is disabled and its owner told; any success ends the failing period.
     */
    private void trackFailingPeriod(ClaimedDelivery claimed, DeliveryOutcome outcome) {
        try {
            if (outcome instanceof DeliveryOutcome.Delivered) {
                QuarkusTransaction.requiringNew().run(() -> failureRows.markWorking(claimed.subscriptionId()));
                return;
            }
            Instant since = QuarkusTransaction.requiringNew().call(() -> failureRows.markFailing(
                    claimed.subscriptionId()));
            Duration limit = config.delivery().disableAfter();
            if (since != null && since.plus(limit).isBefore(Instant.now())) {
                String reason = "every delivery attempt failed since " + since + " (more than "
                        + limit.toString().substring(2).toLowerCase(Locale.ROOT) + ")";
                if (disableChannel(claimed, reason)) {
                    notices.record(claimed.subscriptionId(), claimed.id(), OwnerNotices.CHANNEL_DISABLED,
                            "The channel of subscription \"" + claimed.subscriptionName() + "\" was disabled: "
                                    + reason + ". Fix it, then POST /subscriptions/" + claimed.subscriptionId()
                                    + "/enable (which also replays the failed alerts).");
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Delivery %s: failure bookkeeping skipped: %s", claimed.id(), Failures.rootMessage(e));
        }
    }

    private DeliveryOutcome send(ClaimedDelivery claimed, ChannelType type,
            EmailChannelRepository.EmailTarget emailTarget) {
        if (claimed.isDigest()) {
            DeliveryOutcome refused = emailRefusal(type, emailTarget);
            return refused != null ? refused : digestSender.send(claimed, type, emailTarget);
        }
        TaggedArticle article = claimed.article();
        AlertPayload payload;
        byte[] webhookBody;
        try {
            if (article == null) {
                throw new IllegalStateException("the stored article " + claimed.articleId()
                        + " is missing or unreadable");
            }
            payload = rendered.payload(claimed, article);
            webhookBody = type == ChannelType.WEBHOOK ? rendered.webhookBody(claimed, article, payload) : null;
        } catch (JsonProcessingException | RuntimeException e) {
            // the stored article cannot be turned into an alert: retrying will not help
            LOG.errorf(e, "Delivery %s: cannot build the alert", claimed.id());
            return DeliveryOutcome.Failed.permanent("cannot build the alert: " + e.getMessage());
        }
        DeliveryOutcome refused = emailRefusal(type, emailTarget);
        if (refused != null) {
            return refused;
        }
        return sendThrough(new Target(type, claimed.channelUrl(), claimed.signingSecrets(), emailTarget), payload,
                webhookBody, article, claimed.matchedCountries(), claimed.id().toString(), false);
    }

    /** Why an e-mail may not be sent to this target now; null when it may (or the channel is not e-mail). */
    private static DeliveryOutcome emailRefusal(ChannelType type, EmailChannelRepository.EmailTarget emailTarget) {
        if (type != ChannelType.EMAIL) {
            return null;
        }
        if (emailTarget == null) {
            return DeliveryOutcome.Failed.permanent("the subscription has no e-mail address");
        }
        if (emailTarget.suppression() != null) {
            return DeliveryOutcome.Failed.permanent("not sent: the address is suppressed: "
                    + emailTarget.suppression());
        }
        if (!emailTarget.confirmed()) {
            return DeliveryOutcome.Failed.permanent("not sent: the address is not confirmed");
        }
        return null;
    }

    /** Where one alert goes: the channel type with its URL and signing secrets, or its e-mail target. */
    record Target(ChannelType type, String url, List<String> signingSecrets,
            EmailChannelRepository.EmailTarget email) {
    }

    /**
     * The one place that turns an alert into a channel's message and sends it: real deliveries and test alerts
     * ({@code test}: marked as such in every channel's format) go through here.
     */
    DeliveryOutcome sendThrough(Target target, AlertPayload payload, TaggedArticle article,
            List<String> matchedCountries, String deliveryId, boolean test) {
        return sendThrough(target, payload, null, article, matchedCountries, deliveryId, test);
    }

    /** @param webhookBody the webhook body already rendered from {@code payload} (see {@link RenderedAlerts}), or null */
    private DeliveryOutcome sendThrough(Target target, AlertPayload payload, byte[] webhookBody, TaggedArticle article,
            List<String> matchedCountries, String deliveryId, boolean test) {
        try {
            if (target.type() == ChannelType.SLACK) {
                Map<String, Object> message = SlackMessage.of(payload);
                if (test) {
                    message.put("text", "[TEST] " + message.get("text"));
                }
                return slack.send(target.url(), mapper.writeValueAsBytes(message));
            }
            if (target.type() == ChannelType.EMAIL) {
                return email.send(AlertMail.of(payload, article, new AlertMail.Context(target.email().address(),
                        links.messageId(deliveryId), links.unsubscribeUrl(target.email().unsubscribeToken()),
                        matchedCountries, Instant.now(), test)));
            }
            if (target.type() != ChannelType.WEBHOOK) {
                return DeliveryOutcome.Failed.permanent("unsupported channel type " + target.type());
            }
            byte[] body;
            if (test) {
                ObjectNode json = mapper.valueToTree(payload);
                json.put("test", true);
                body = mapper.writeValueAsBytes(json);
            } else {
                body = webhookBody != null ? webhookBody : mapper.writeValueAsBytes(payload);
            }
            return webhooks.send(target.url(), deliveryId, target.signingSecrets(), body);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "Delivery %s: cannot build the %s message", deliveryId, target.type());
            return DeliveryOutcome.Failed.permanent("cannot build the " + target.type() + " message: "
                    + e.getMessage());
        }
    }

    /**
     * The receiver said the channel is gone: the subscription stops matching (on every replica at its next index
     * refresh) and shows {@code channel.disabled} with the reason until its owner enables it again.
     */
    private boolean disableChannel(ClaimedDelivery claimed, String reason) {
        boolean disabled = QuarkusTransaction.requiringNew().call(() -> subscriptionRows.disable(
                claimed.subscriptionId(), truncate(reason), Instant.now()));
        if (disabled) {
            index.rebuild();
            LOG.warnf("Subscription %s: channel %s disabled: %s", claimed.subscriptionId(), claimed.channelType(),
                    reason);
        }
        return disabled;
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
                List.of(d.matchedPairs), List.of(d.matchedCountries), List.of(d.matchedIssues), d.kind, d.digestId,
                d.windowStart, d.windowEnd, d.storyCount);
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
