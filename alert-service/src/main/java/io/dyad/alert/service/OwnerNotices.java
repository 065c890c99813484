package io.dyad.alert.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.delivery.EmailMessage;
import io.dyad.alert.delivery.EmailSender;
import io.dyad.alert.delivery.SlackMessage;
import io.dyad.alert.delivery.SlackSender;
import io.dyad.alert.delivery.WebhookSender;
import io.dyad.alert.email.AlertMail;
import io.dyad.alert.email.EmailLinks;
import io.dyad.alert.email.Html;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.repository.FailureRepository.ClaimedNotice;
import io.dyad.alert.repository.FailureRepository.NoticeChannel;
import io.dyad.alert.repository.FailureRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tells owners when a delivery FAILED for good or a channel was disabled: recorded first (in {@code owner_notices},
 * readable at {@code GET /notices}), then sent by every replica's sweep through another working channel of the owner —
 * a confirmed e-mail address first, else another webhook or Slack channel. With none, the notice is kept as
 * NO_CHANNEL. At most one notice per subscription and kind per {@code notice-interval}, so a dead endpoint cannot
 * flood its owner.
 */
@ApplicationScoped
public class OwnerNotices {

    private static final Logger LOG = Logger.getLogger(OwnerNotices.class);
    static final int MAX_ATTEMPTS = 3;
    static final Duration RETRY_IN = Duration.ofMinutes(1);
    static final Duration LEASE = Duration.ofMinutes(2);
    public static final String DELIVERY_FAILED = "delivery_failed";
    public static final String CHANNEL_DISABLED = "channel_disabled";

    @Inject
    FailureRepository rows;

    @Inject
    AlertConfig config;

    @Inject
    EmailSender email;

    @Inject
    WebhookSender webhooks;

    @Inject
    SlackSender slack;

    @Inject
    EmailLinks links;

    @Inject
    ObjectMapper mapper;

    /** Records a notice (own transaction); false when one of the kind was recorded for it lately. */
    public boolean record(UUID subscriptionId, UUID deliveryId, String kind, String message) {
        return QuarkusTransaction.requiringNew().call(() -> rows.recordNotice(subscriptionId, deliveryId, kind,
                message, config.delivery().noticeInterval()));
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.delivery().enabled()) {
            return;
        }
        try {
            List<ClaimedNotice> due = QuarkusTransaction.requiringNew().call(() -> rows.claimNotices(20, LEASE));
            for (ClaimedNotice notice : due) {
                send(notice);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Owner notice sweep failed, trying again: %s", Failures.rootMessage(e));
        }
    }

    void send(ClaimedNotice notice) {
        List<NoticeChannel> channels = QuarkusTransaction.requiringNew().call(() -> rows.noticeChannels(
                notice.ownerId(), notice.subscriptionId()));
        if (channels.isEmpty()) {
            record(notice, "NO_CHANNEL", null, "the owner has no other working channel", null);
            LOG.infof("Notice %s (%s): no other channel to tell owner %s", notice.id(), notice.kind(),
                    notice.ownerId());
            return;
        }
        List<String> errors = new ArrayList<>();
        for (NoticeChannel channel : channels) {
            DeliveryOutcome outcome = sendThrough(notice, channel);
            String via = channel.channelType() + " of subscription " + channel.subscriptionId();
            if (outcome instanceof DeliveryOutcome.Delivered) {
                record(notice, "SENT", via, null, null);
                LOG.infof("Notice %s (%s) sent to owner %s by %s", notice.id(), notice.kind(), notice.ownerId(), via);
                return;
            }
            errors.add(via + ": " + error(outcome));
        }
        String error = String.join("; ", errors);
        boolean last = notice.attempt() >= MAX_ATTEMPTS;
        record(notice, last ? "FAILED" : "PENDING", null, error, last ? null : RETRY_IN);
        LOG.warnf("Notice %s (%s) not sent (attempt %d): %s", notice.id(), notice.kind(), notice.attempt(), error);
    }

    private DeliveryOutcome sendThrough(ClaimedNotice notice, NoticeChannel channel) {
        String subject = "Dyad: " + (CHANNEL_DISABLED.equals(notice.kind()) ? "channel disabled" : "delivery failed")
                + " for \"" + (notice.subscriptionName() == null ? "a deleted subscription" : notice.subscriptionName())
                + "\"";
        ChannelType type = ChannelType.fromId(channel.channelType()).orElse(null);
        try {
            if (type == ChannelType.EMAIL) {
                String text = subject + "\n\n" + notice.message() + "\n\nSubscription: " + notice.subscriptionId()
                        + "\nSee GET /subscriptions/" + notice.subscriptionId() + "/deliveries and GET /notices.\n";
                String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p><strong>"
                        + Html.escape(subject) + "</strong></p><p>" + Html.escape(notice.message()) + "</p><p>"
                        + "Subscription " + notice.subscriptionId() + ": see GET /subscriptions/"
                        + notice.subscriptionId() + "/deliveries and GET /notices.</p></body></html>";
                return email.send(new EmailMessage(channel.emailAddress(), AlertMail.headerLine(subject, 200), text,
                        html, links.messageId("notice-" + notice.id()), Map.of()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "dyad.notice." + notice.kind());
            body.put("id", notice.id().toString());
            body.put("subscription", Map.of("id", String.valueOf(notice.subscriptionId()),
                    "name", String.valueOf(notice.subscriptionName())));
            body.put("message", notice.message());
            body.put("createdAt", notice.createdAt() == null ? Instant.now() : notice.createdAt());
            if (type == ChannelType.SLACK) {
                String text = SlackMessage.escapeText(subject + ": " + notice.message());
                return slack.send(channel.channelUrl(), mapper.writeValueAsBytes(Map.of("text", text)));
            }
            return webhooks.send(channel.channelUrl(), "notice_" + notice.id(),
                    channel.signingSecret() == null ? List.of() : List.of(channel.signingSecret()),
                    mapper.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return DeliveryOutcome.Failed.permanent("cannot build the notice: " + e.getMessage());
        }
    }

    private void record(ClaimedNotice notice, String status, String via, String error, Duration retryIn) {
        QuarkusTransaction.requiringNew().run(() -> rows.recordNotice(notice.id(), notice.attempt(), status, via,
                error, retryIn));
    }

    private static String error(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Failed f) {
            return f.error();
        }
        return outcome instanceof DeliveryOutcome.ChannelGone g ? g.error() : String.valueOf(outcome);
    }
}
