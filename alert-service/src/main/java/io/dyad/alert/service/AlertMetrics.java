package io.dyad.alert.service;

import io.dyad.alert.model.ChannelType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The service's own metrics (Prometheus names in brackets): articles received by result [dyad_alert_articles_total],
 * matches [dyad_alert_matches_total{result=queued|duplicate}], delivery attempts by outcome
 * [dyad_alert_deliveries_total{outcome=sent|retry|failed}], publication→delivery latency
 * [dyad_alert_delivery_latency_seconds] and match→delivery latency [dyad_alert_delivery_queue_latency_seconds].
 */
@Startup // every series exists from the start, at zero
@ApplicationScoped
public class AlertMetrics {

    private final MeterRegistry registry;
    private final Counter articlesNew;
    private final Counter articlesDuplicate;
    private final Counter articlesRejected;
    private final Counter matchesQueued;
    private final Counter matchesDuplicate;
    private final Timer publicationLatency;
    private final Timer queueLatency;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.articlesNew = articles(registry, "new");
        this.articlesDuplicate = articles(registry, "duplicate");
        this.articlesRejected = articles(registry, "rejected");
        this.matchesQueued = matches(registry, "queued");
        this.matchesDuplicate = matches(registry, "duplicate");
        this.publicationLatency = Timer.builder("dyad.alert.delivery.latency")
                .description("From the article's publication time to the alert's delivery")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
        this.queueLatency = Timer.builder("dyad.alert.delivery.queue.latency")
                .description("From the match (delivery row written) to the alert's delivery")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
        for (String outcome : new String[] {"sent", "retry", "failed"}) {
            deliveries(ChannelType.WEBHOOK.id(), outcome);
        }
    }

    public void articleReceived(boolean isNew) {
        (isNew ? articlesNew : articlesDuplicate).increment();
    }

    public void articleRejected() {
        articlesRejected.increment();
    }

    /** {@code matches} subscriptions matched; {@code queued} of them got a new delivery row (others had the story). */
    public void matched(int matches, int queued) {
        matchesQueued.increment(queued);
        matchesDuplicate.increment(Math.max(0, matches - queued));
    }

    public void deliveryAttempt(String channel, String outcome) {
        deliveries(channel, outcome).increment();
    }

    public void delivered(Duration sincePublication, Duration sinceMatch) {
        if (sincePublication != null && !sincePublication.isNegative()) {
            publicationLatency.record(sincePublication);
        }
        if (sinceMatch != null && !sinceMatch.isNegative()) {
            queueLatency.record(sinceMatch);
        }
    }

    private Counter deliveries(String channel, String outcome) {
        return Counter.builder("dyad.alert.deliveries").description("Delivery attempts, by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(registry);
    }

    private static Counter articles(MeterRegistry registry, String result) {
        return Counter.builder("dyad.alert.articles").description("Tagged articles consumed, by result")
                .tag("result", result).register(registry);
    }

    private static Counter matches(MeterRegistry registry, String result) {
        return Counter.builder("dyad.alert.matches")
                .description("Subscription matches; duplicate = the subscription already had this story")
                .tag("result", result).register(registry);
    }
}
