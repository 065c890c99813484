package io.dyad.alert.service;

import io.dyad.alert.config.AlertConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Skips the digest scheduler's ticks on a replica where {@code dyad.alert.digest.enabled=false}. */
@Singleton
public class DigestSchedulerSwitch implements Scheduled.SkipPredicate {

    @Inject
    AlertConfig config;

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.digest().enabled();
    }
}
