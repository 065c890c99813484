package io.dyad.alert.service;

import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.config.EmailConfig;
import io.dyad.alert.delivery.DeliveryOutcome;
import io.dyad.alert.delivery.EmailSender;
import io.dyad.alert.delivery.RetrySchedule;
import io.dyad.alert.email.ConfirmationMail;
import io.dyad.alert.email.ConfirmationOutbox;
import io.dyad.alert.email.EmailAddresses;
import io.dyad.alert.email.EmailLinks;
import io.dyad.alert.model.DeliveryStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends queued confirmation mails ({@link ConfirmationOutbox}): every replica sweeps every second, and at once when
 * this replica queued one ({@link #wake}). Each attempt gets a fresh single-use token; a failure follows the delivery
 * retry schedule (at once, 5 s, 5 min, 30 min, … for {@code dyad.alert.delivery.retry-schedule}); a permanent refusal
 * (SMTP 5xx) suppresses the address; giving up tells the owner through a notice. Nothing here runs on a request
 * thread, so {@code POST /subscriptions} never waits on the SMTP server.
 */
@ApplicationScoped
public class ConfirmationMailer {

    private static final Logger LOG = Logger.getLogger(ConfirmationMailer.class);
    static final int BATCH = 20;

    @Inject
    ConfirmationOutbox outbox;

    @Inject
    EmailChannelService channel;

    @Inject
    EmailSender sender;

    @Inject
    EmailLinks links;

    @Inject
    EmailConfig email;

    @Inject
    AlertConfig config;

    @Inject
    RetrySchedule schedule;

    @Inject
    OwnerNotices notices;

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ExecutorService wakeups;

    @PostConstruct
    void start() {
        wakeups = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dyad-confirmation-mailer");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        wakeups.shutdownNow();
    }

    /** Sends what is due now, off the caller's thread (called after the commit that queued a mail). */
    public void wake() {
        try {
            wakeups.execute(this::sweep);
        } catch (RejectedExecutionException e) {
            // shutting down: the row stays queued for the next start or another replica
        }
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /** One sweeper at a time per replica; a wake-up during a sweep makes it look once more. */
    void sweep() {
        if (!config.delivery().enabled()) {
            return;
        }
        if (!sweeping.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                sendDue();
            } while (again.get());
        } finally {
            sweeping.set(false);
        }
    }

    private void sendDue() {
        try {
            List<ConfirmationOutbox.Claimed> due;
            do {
                due = QuarkusTransaction.requiringNew().call(() -> outbox.claim(BATCH, lease()));
                for (ConfirmationOutbox.Claimed claimed : due) {
                    send(claimed);
                }
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("Confirmation mail sweep failed, trying again: %s", Failures.rootMessage(e));
        }
    }

    /** A claimed row stays hidden this long: longer than one SMTP attempt (and its one retry) can take. */
    private Duration lease() {
        Duration threeSends = email.sendTimeout().multipliedBy(3);
        return threeSends.compareTo(Duration.ofMinutes(2)) > 0 ? threeSends : Duration.ofMinutes(2);
    }

    void send(ConfirmationOutbox.Claimed claimed) {
        EmailChannelService.MintedConfirmation mail = channel.mintForAttempt(claimed);
        if (mail == null) {
            return; // cancelled: confirmed, disabled or deleted meanwhile
        }
        // a Message-ID per attempt: each attempt carries another link, and a client must not drop the later mail
        DeliveryOutcome outcome = sender.send(ConfirmationMail.of(mail.address(), mail.subscriptionName(),
                links.confirmUrl(mail.token()), mail.expiresAt(),
                links.messageId("confirm-" + claimed.id() + "-" + claimed.attempt())));
        String to = EmailAddresses.mask(mail.address());
        if (outcome instanceof DeliveryOutcome.Delivered) {
            QuarkusTransaction.requiringNew().run(() -> outbox.markSent(claimed.id()));
            LOG.infof("Subscription %s: confirmation mail sent to %s (attempt %d)", mail.subscriptionId(), to,
                    claimed.attempt());
            return;
        }
        if (outcome instanceof DeliveryOutcome.ChannelGone gone) {
            // suppressed before the row says FAILED: whoever sees the FAILED row sees the suppression too
            channel.suppress(mail.address(), gone.error(), gone.statusCode());
            QuarkusTransaction.requiringNew().run(() -> outbox.finish(claimed.id(), "FAILED", gone.error()));
            LOG.warnf("Subscription %s: confirmation mail to %s refused for good: %s", mail.subscriptionId(), to,
                    gone.error());
            return;
        }
        RetrySchedule.Decision decision = schedule.decide(claimed.attempt(), outcome);
        if (decision.status() == DeliveryStatus.PENDING) {
            QuarkusTransaction.requiringNew().run(() -> outbox.retryIn(claimed.id(), decision.retryIn(),
                    decision.error()));
            LOG.warnf("Subscription %s: confirmation mail to %s not sent (attempt %d), again in %s: %s",
                    mail.subscriptionId(), to, claimed.attempt(), decision.retryIn(), decision.error());
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.finish(claimed.id(), "FAILED", decision.error()));
        // the notice names the confirmation row where an alert's notice names its delivery
        notices.record(mail.subscriptionId(), claimed.id(), OwnerNotices.DELIVERY_FAILED, "The confirmation mail to "
                + to + " could not be sent: " + decision.error() + ". POST /subscriptions/" + mail.subscriptionId()
                + "/confirmation queues a new one.");
        LOG.warnf("Subscription %s: confirmation mail to %s given up after attempt %d: %s", mail.subscriptionId(),
                to, claimed.attempt(), decision.error());
    }
}
