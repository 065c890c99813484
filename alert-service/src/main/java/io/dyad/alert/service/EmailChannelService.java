package io.dyad.alert.service;

import io.dyad.alert.config.EmailConfig;
import io.dyad.alert.email.ConfirmationOutbox;
import io.dyad.alert.email.EmailAddresses;
import io.dyad.alert.email.Tokens;
import io.dyad.alert.model.ChannelType;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.EmailChannelRepository;
import io.dyad.alert.repository.SubscriptionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The e-mail channel's life: double opt-in (a single-use, expiring, unguessable confirmation token; only its SHA-256
 * is stored), one-click unsubscribe (RFC 8058) and suppression of addresses whose mail server refused mail for good.
 * Nothing is matched or sent to an address before it is confirmed: the index and the delivery claim both skip
 * unconfirmed e-mail subscriptions. Confirmation mails are queued ({@link ConfirmationOutbox}) in the transaction that
 * asks for them and sent by {@link ConfirmationMailer}, so no API answer waits on the SMTP server, and a server that
 * is down gets the mail later, on the delivery retry schedule.
 */
@ApplicationScoped
public class EmailChannelService {

    private static final Logger LOG = Logger.getLogger(EmailChannelService.class);
    /** Least time between two confirmation mails for one subscription: no mail-bombing through resends. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    @Inject
    EmailChannelRepository rows;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    SubscriptionIndexHolder index;

    @Inject
    ConfirmationOutbox outbox;

    @Inject
    ConfirmationMailer mailer;

    @Inject
    EmailConfig config;

    /**
     * What became of a confirmation mail when the API answered: {@code queued} (it goes out within a second or so, and
     * is retried while the SMTP server fails) or {@code not-needed} (the address is confirmed already).
     */
    public record ConfirmationOutcome(String status, String error) {
        static final ConfirmationOutcome NOT_NEEDED = new ConfirmationOutcome("not-needed", null);
        static final ConfirmationOutcome QUEUED = new ConfirmationOutcome("queued", null);

        /** For answers: {@code queued} or {@code not-needed}. */
        public String describe() {
            return error == null ? status : status + ": " + error;
        }
    }

    /** A subscribe to a suppressed address is refused with the reason; the owner may use another address. */
    public void requireNotSuppressed(String address) {
        String why = QuarkusTransaction.joiningExisting().call(() -> rows.suppression(address));
        if (why != null) {
            throw new InvalidInputException("channel.address " + address + " is suppressed: " + why
                    + ". Use another address, or POST /subscriptions/{id}/enable on the subscription it was "
                    + "suppressed for once the mailbox works again");
        }
    }

    /**
     * Inside the creating transaction, before the row is stored: confirmed at once when this owner already confirmed
     * the address on another subscription (false); otherwise true, and the caller queues a confirmation mail
     * ({@link #queueConfirmation}) once the row exists.
     */
    public boolean prepare(Subscription s) {
        s.unsubscribeToken = Tokens.newToken();
        if (rows.ownerConfirmed(s.ownerId, s.emailAddress)) {
            s.emailConfirmedAt = s.createdAt;
            return false;
        }
        return true;
    }

    /** Inside the caller's transaction: a confirmation mail for the (stored) subscription is queued, due now. */
    public void queueConfirmation(UUID subscriptionId) {
        outbox.queue(subscriptionId);
    }

    /** After the commit that queued a confirmation: the mailer sends it now rather than at its next sweep. */
    public ConfirmationOutcome confirmationQueued() {
        mailer.wake();
        return ConfirmationOutcome.QUEUED;
    }

    private String newToken(Subscription s) {
        String token = Tokens.newToken();
        s.emailTokenHash = Tokens.sha256(token);
        s.emailTokenExpiresAt = Instant.now().plus(config.confirmationTtl()).truncatedTo(ChronoUnit.MICROS);
        return token;
    }

    /** A confirmation mail ready to go: a fresh token for its link (only the token's hash is stored). */
    public record MintedConfirmation(UUID subscriptionId, String address, String subscriptionName, String token,
            Instant expiresAt) {
    }

    /**
     * Right before an attempt to send a queued confirmation (own transaction): a new single-use token whose hash
     * replaces the previous one, valid for {@code confirmation-ttl} from now. Null, with the row cancelled, when the
     * mail is no longer wanted: the subscription was confirmed or disabled (unsubscribed, suppressed) meanwhile.
     */
    public MintedConfirmation mintForAttempt(ConfirmationOutbox.Claimed claimed) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = subscriptions.findById(claimed.subscriptionId());
            String unwanted = s == null ? "the subscription was deleted"
                    : s.emailConfirmedAt != null ? "the address was confirmed meanwhile"
                    : s.disabledAt != null ? "the subscription is disabled: " + s.disabledReason
                    : null;
            if (unwanted != null) {
                outbox.finish(claimed.id(), "CANCELLED", unwanted);
                return null;
            }
            String token = newToken(s);
            s.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return new MintedConfirmation(s.id, s.emailAddress, s.name, token, s.emailTokenExpiresAt);
        });
    }

    /**
     * A new confirmation mail for the owner's unconfirmed e-mail subscription, at most once a minute; the previous
     * link stops working. A confirmation still queued (the SMTP server was down) becomes due now instead.
     */
    public ConfirmationOutcome resend(UUID ownerId, String id) {
        UUID uuid = SubscriptionService.parseId(id);
        ConfirmationOutcome result = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = subscriptions.findOwned(ownerId, uuid);
            if (s == null) {
                return null;
            }
            if (!ChannelType.EMAIL.id().equals(s.channelType)) {
                throw new InvalidInputException("only e-mail channels are confirmed; this one is " + s.channelType);
            }
            if (s.emailConfirmedAt != null) {
                return ConfirmationOutcome.NOT_NEEDED;
            }
            if (s.disabledAt != null) {
                throw new ConflictException("the subscription is disabled (" + s.disabledReason
                        + "); POST /subscriptions/" + id + "/enable sends a new confirmation");
            }
            Instant issued = s.emailTokenExpiresAt == null ? null : s.emailTokenExpiresAt.minus(config.confirmationTtl());
            if (issued != null && issued.plus(RESEND_INTERVAL).isAfter(Instant.now())) {
                throw new TooSoonException("a confirmation mail was sent less than a minute ago", Duration.between(
                        Instant.now(), issued.plus(RESEND_INTERVAL)));
            }
            // the previous link stops working when the new mail is made (its token replaces the old one's hash)
            outbox.queue(s.id);
            return ConfirmationOutcome.QUEUED;
        });
        if (result == null) {
            throw new NotFoundException("no subscription with id " + id);
        }
        return result == ConfirmationOutcome.QUEUED ? confirmationQueued() : result;
    }

    /** What a confirmation link did, for the page it answers with. */
    public enum LinkResult { DONE, UNKNOWN, EXPIRED }

    public record Confirmed(LinkResult result, String subscriptionName, String address) {
    }

    /** Follows a confirmation link: single use, and only before it expires. */
    public Confirmed confirm(String token) {
        if (!Tokens.looksValid(token)) {
            return new Confirmed(LinkResult.UNKNOWN, null, null);
        }
        Confirmed confirmed = QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = rows.findByTokenHash(Tokens.sha256(token));
            if (s == null) {
                return new Confirmed(LinkResult.UNKNOWN, null, null);
            }
            if (s.emailTokenExpiresAt == null || s.emailTokenExpiresAt.isBefore(Instant.now())) {
                return new Confirmed(LinkResult.EXPIRED, s.name, s.emailAddress);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            s.emailConfirmedAt = now;
            s.emailTokenHash = null;
            s.emailTokenExpiresAt = null;
            s.updatedAt = now;
            return new Confirmed(LinkResult.DONE, s.name, s.emailAddress);
        });
        if (confirmed.result() == LinkResult.DONE) {
            index.rebuild();
            LOG.infof("Subscription \"%s\": %s confirmed", confirmed.subscriptionName(),
                    EmailAddresses.mask(confirmed.address()));
        }
        return confirmed;
    }

    /** The subscription an unsubscribe link names (for the GET page), or null. */
    public Confirmed describeUnsubscribe(String token) {
        if (!Tokens.looksValid(token)) {
            return new Confirmed(LinkResult.UNKNOWN, null, null);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = rows.findByUnsubscribeToken(token);
            return s == null ? new Confirmed(LinkResult.UNKNOWN, null, null)
                    : new Confirmed(LinkResult.DONE, s.name, s.emailAddress);
        });
    }

    /**
     * One-click unsubscribe (RFC 8058): at once, idempotent. The subscription is disabled (its owner sees why), the
     * address unconfirmed, and its queued alerts FAILED; enabling it again needs a new opt-in by the recipient.
     */
    public Confirmed unsubscribe(String token) {
        if (!Tokens.looksValid(token)) {
            return new Confirmed(LinkResult.UNKNOWN, null, null);
        }
        Confirmed done = QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = rows.findByUnsubscribeToken(token);
            if (s == null) {
                return new Confirmed(LinkResult.UNKNOWN, null, null);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (s.disabledAt == null) {
                s.disabledAt = now;
                s.disabledReason = "the recipient unsubscribed with the link in an alert mail";
            }
            s.emailConfirmedAt = null;
            s.emailTokenHash = null;
            s.updatedAt = now;
            rows.failPending(s.id, "not sent: the recipient unsubscribed");
            return new Confirmed(LinkResult.DONE, s.name, s.emailAddress);
        });
        if (done.result() == LinkResult.DONE) {
            index.rebuild();
            LOG.infof("Subscription \"%s\": %s unsubscribed", done.subscriptionName(), EmailAddresses.mask(done.address()));
        }
        return done;
    }

    /**
     * The mail server refused the address for good (SMTP 5xx): no more mail to it from any subscription; each is
     * disabled with the reason, so its owner sees it (and is told, see {@code OwnerNotices}).
     */
    public void suppress(String address, String reason, Integer smtpCode) {
        int disabled = QuarkusTransaction.requiringNew().call(() -> {
            rows.suppress(address, reason, smtpCode);
            return rows.disableAddress(address, "the mail server refused the address: " + reason,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
        });
        index.rebuild();
        LOG.warnf("Address %s suppressed (%s); %d subscription(s) disabled", EmailAddresses.mask(address), reason,
                disabled);
    }

    /**
     * Enabling an e-mail subscription again: a suppression of its address is lifted and, unless the address is still
     * confirmed, a new confirmation mail is queued (true). Runs inside the enabling transaction.
     */
    public boolean prepareEnable(Subscription s) {
        rows.unsuppress(s.emailAddress);
        if (s.emailConfirmedAt != null) {
            return false;
        }
        s.emailTokenHash = null; // the old link (if any) stops working; the queued mail brings a new one
        outbox.queue(s.id);
        return true;
    }
}
