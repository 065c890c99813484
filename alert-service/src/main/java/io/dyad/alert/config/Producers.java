package io.dyad.alert.config;

import io.dyad.alert.auth.RateLimiter;
import io.dyad.alert.delivery.ChannelPacer;
import io.dyad.alert.delivery.EmailSender;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.dyad.alert.delivery.RetrySchedule;
import io.dyad.alert.delivery.SlackSender;
import io.dyad.alert.delivery.WebhookSender;
import io.dyad.alert.egress.HostResolver;
import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.service.SubscriptionValidator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain (framework-free, unit-tested) classes from configuration. */
public class Producers {

    @Produces
    @Singleton
    SsrfGuard ssrfGuard(EgressConfig egress) {
        return new SsrfGuard(egress.allowPrivate(), HostResolver.SYSTEM);
    }

    @Produces
    @Singleton
    SubscriptionValidator subscriptionValidator(SsrfGuard guard) {
        return new SubscriptionValidator(guard);
    }

    @Produces
    @Singleton
    WebhookSender webhookSender(SsrfGuard guard, AlertConfig config) {
        return new WebhookSender(guard, config.delivery().timeout(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    SlackSender slackSender(SsrfGuard guard, AlertConfig config) {
        return new SlackSender(guard, config.delivery().timeout(), Clock.systemUTC(),
                new ChannelPacer(config.delivery().slackInterval()));
    }

    @Produces
    @Singleton
    EmailSender emailSender(ReactiveMailer mailer, EmailConfig email) {
        return new EmailSender(mailer, email.sendTimeout());
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(AlertConfig config) {
        return new RateLimiter(config.rateLimit().burst(), config.rateLimit().perSecond(), System::nanoTime);
    }

    /** The time digest windows are closed by; one bean, so tests and tools can see which clock is used. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RetrySchedule retrySchedule(AlertConfig config) {
        return new RetrySchedule(config.delivery().retrySchedule(), Math::random);
    }
}
