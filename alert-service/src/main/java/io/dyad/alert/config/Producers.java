package io.dyad.alert.config;

import io.dyad.alert.delivery.RetrySchedule;
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
    SsrfGuard ssrfGuard(AlertConfig config) {
        return new SsrfGuard(config.allowPrivateNetwork(), HostResolver.SYSTEM);
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
    RetrySchedule retrySchedule() {
        return RetrySchedule.standard();
    }
}
