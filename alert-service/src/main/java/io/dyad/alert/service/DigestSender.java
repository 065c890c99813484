package io.dyad.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.delivery.DigestPayload;
import io.dyad.alert.delivery.DigestSlackMessage;
import io.dyad.alert.delivery.EmailSender;
import io.dyad.alert.delivery.SlackSender;
import io.dyad.alert.delivery.WebhookSender;
import io.dyad.alert.digest.Digest;
import io.dyad.alert.digest.DigestBuilder;
import io.dyad.alert.digest.FrequencySettings;
import io.dyad.alert.email.DigestMail;
import io.dyad.alert.email.EmailLinks;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.ClaimedDelivery;
import io.dyad.alert.repository.DigestRepository;
import io.dyad.alert.repository.EmailChannelRepository;
import io.dyad.alert.repository.SubscriptionRepository;
import io.dyad.contracts.TaggedArticle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends one claimed digest delivery as ONE message through its channel: reads the digest's stories, builds the
 * {@link Digest} and hands the channel's rendering to the same senders single alerts use. Retries, Retry-After,
 * failures, notices and disabling are the {@link DeliveryService}'s, as for any delivery.
 */
@ApplicationScoped
public class DigestSender {

    private static final Logger LOG = Logger.getLogger(DigestSender.class);

    @Inject
    DigestRepository digests;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    ObjectMapper mapper;

    @Inject
    WebhookSender webhooks;

    @Inject
    SlackSender slack;

    @Inject
    EmailSender email;

    @Inject
    EmailLinks links;

    DeliveryOutcome send(ClaimedDelivery claimed, ChannelType type, EmailChannelRepository.EmailTarget emailTarget) {
        Digest digest;
        try {
            digest = load(claimed);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "Digest %s: cannot build it", claimed.id());
            return DeliveryOutcome.Failed.permanent("cannot build the digest: " + e.getMessage());
        }
        if (digest == null || digest.storyCount() == 0) {
            return DeliveryOutcome.Failed.permanent("the digest has no stories any more");
        }
        try {
            return switch (type) {
                case WEBHOOK -> webhooks.send(claimed.channelUrl(), claimed.id().toString(), claimed.signingSecrets(),
                        mapper.writeValueAsBytes(DigestPayload.of(digest)));
                case SLACK -> slack.send(claimed.channelUrl(), mapper.writeValueAsBytes(DigestSlackMessage.of(digest)));
                case EMAIL -> email.send(DigestMail.of(digest, new DigestMail.Context(emailTarget.address(),
                        links.messageId(claimed.id().toString()), links.unsubscribeUrl(emailTarget.unsubscribeToken()),
                        Instant.now())));
            };
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "Digest %s: cannot build the %s message", claimed.id(), type);
            return DeliveryOutcome.Failed.permanent("cannot build the " + type + " digest: " + e.getMessage());
        }
    }

    /** The digest with its stories; null when the subscription is gone. */
    Digest load(ClaimedDelivery claimed) throws JsonProcessingException {
        record Rows(Subscription subscription, List<DigestRepository.DigestItem> items) {
        }
        Rows rows = QuarkusTransaction.requiringNew().call(() -> new Rows(
                subscriptions.findById(claimed.subscriptionId()), digests.items(claimed.id())));
        if (rows.subscription() == null) {
            return null;
        }
        List<DigestBuilder.Entry> entries = new ArrayList<>();
        for (DigestRepository.DigestItem item : rows.items()) {
            entries.add(new DigestBuilder.Entry(item.storyId(), item.pairs(), item.countries(), item.issues(),
                    item.matchedAt(), mapper.readValue(item.articlePayload(), TaggedArticle.class)));
        }
        Subscription s = rows.subscription();
        FrequencySettings f = s.frequencySettings();
        // a subscription switched to immediate sends its last window as a "final digest", in UTC
        return DigestBuilder.build(new DigestBuilder.Header(claimed.id().toString(), s.id.toString(), s.name,
                f.frequency(), f.zone() == null ? java.time.ZoneOffset.UTC : f.zone(), claimed.windowStart(), claimed.windowEnd(),
                s.feedToken == null ? null : links.feedUrl(s.feedToken)), entries);
    }
}
