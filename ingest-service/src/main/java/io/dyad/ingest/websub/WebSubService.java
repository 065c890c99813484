package io.dyad.ingest.websub;

import io.dyad.ingest.config.IngestConfig;
import io.dyad.ingest.fetch.FeedFetcher;
import io.dyad.ingest.fetch.FetchException;
import io.dyad.ingest.fetch.HttpFetchResult;
import io.dyad.ingest.fetch.UrlRefusedException;
import io.dyad.ingest.websub.WebSubSubscription.State;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * WebSub (W3C) subscriber side: subscribe a feed at the hub it advertises, answer the hub's intent verification,
 * renew leases before they lapse, and end the subscription when its source is deleted. Content the hub pushes is checked by {@link WebSubSignature} and published by
 * the fetch path ({@code FetchService#ingestPushed}). Polling continues as a fallback, at the source's upper bound.
 * Off unless {@code websub.callback-base-url} is set (the hub must be able to reach us there).
 */
@ApplicationScoped
public class WebSubService {

    private static final Logger LOG = Logger.getLogger(WebSubService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A denied or failed subscription is asked again after this long (the feed still advertises the hub). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(6);
    /** An unsubscription the hub has not verified by then is forgotten (the next push gets 410 anyway). */
    static final Duration UNSUBSCRIBE_WAIT = Duration.ofDays(1);

    @Inject
    IngestConfig config;

    @Inject
    EntityManager em;

    @Inject
    FeedFetcher fetcher;

    public boolean enabled() {
        return config.websub().callbackBaseUrl().filter(s -> !s.isBlank()).isPresent();
    }

    /** Where the hub calls us back for this source. */
    public String callbackUrl(long sourceId) {
        String base = config.websub().callbackBaseUrl().orElseThrow();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/websub/" + sourceId;
    }

    /**
     * After a fetch of a feed advertising {@code hub} with topic {@code self}: subscribes when there is no
     * subscription yet, when the hub or topic changed, or when an earlier attempt failed long enough ago. Blocking
     * (one POST to the hub); never throws.
     */
    public void onFeedFetched(long sourceId, String hub, String self) {
        if (!enabled() || hub == null || self == null) {
            return;
        }
        try {
            if (needsSubscription(sourceId, hub, self, Instant.now())) {
                subscribe(sourceId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("source %d: WebSub subscription at %s not made: %s", sourceId, hub, e.getMessage());
        }
    }

    @Transactional
    boolean needsSubscription(long sourceId, String hub, String topic, Instant now) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        if (s == null) {
            s = new WebSubSubscription();
            s.sourceId = sourceId;
            s.secret = newSecret();
            s.hubUrl = hub;
            s.topicUrl = topic;
            s.state = State.REQUESTED;
            s.requestedAt = now;
            em.persist(s);
            return true;
        }
        if (!s.hubUrl.equals(hub) || !s.topicUrl.equals(topic)) {
            s.hubUrl = hub;
            s.topicUrl = topic;
            s.state = State.REQUESTED;
            s.requestedAt = now;
            s.expiresAt = null;
            return true;
        }
        if ((s.state == State.DENIED || s.state == State.FAILED)
                && s.requestedAt.isBefore(now.minus(RETRY_AFTER_FAILURE))) {
            s.requestedAt = now;
            s.state = State.REQUESTED;
            return true;
        }
        return false;
    }

    /** Sends the subscription request; the hub then verifies our intent at the callback (asynchronously). */
    public void subscribe(long sourceId) {
        Optional<WebSubSubscription> found = find(sourceId);
        if (found.isEmpty()) {
            return;
        }
        WebSubSubscription s = found.get();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", "subscribe");
        form.put("hub.topic", s.topicUrl);
        form.put("hub.callback", callbackUrl(sourceId));
        form.put("hub.secret", s.secret);
        form.put("hub.lease_seconds", String.valueOf(config.websub().lease().toSeconds()));
        Optional<String> error = askHub(s.hubUrl, form);
        if (error.isEmpty()) {
            LOG.infof("source %d: WebSub subscription requested at %s", sourceId, s.hubUrl);
            return; // verification of intent follows at the callback
        }
        LOG.infof("source %d: WebSub subscription at %s failed: %s", sourceId, s.hubUrl, error.get());
        recordFailure(sourceId, error.get());
    }

    /**
     * Called in the transaction that deletes the source (before the cascade removes its subscription): remembers an
     * active or pending subscription, so that the hub's verification of our unsubscribe can be confirmed.
     */
    @Transactional
    public Optional<WebSubUnsubscription> prepareUnsubscribe(long sourceId) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        if (!enabled() || s == null || (s.state != State.ACTIVE && s.state != State.REQUESTED)) {
            return Optional.empty();
        }
        WebSubUnsubscription u = new WebSubUnsubscription();
        u.sourceId = sourceId;
        u.hubUrl = s.hubUrl;
        u.topicUrl = s.topicUrl;
        u.requestedAt = Instant.now();
        em.persist(u);
        return Optional.of(u);
    }

    /** After the source's deletion is committed: asks the hub to stop. Blocking (one POST); never throws. */
    public void unsubscribe(WebSubUnsubscription u) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", "unsubscribe");
        form.put("hub.topic", u.topicUrl);
        form.put("hub.callback", callbackUrl(u.sourceId));
        Optional<String> error;
        try {
            error = askHub(u.hubUrl, form);
        } catch (RuntimeException e) {
            error = Optional.of(e.getMessage());
        }
        if (error.isEmpty()) {
            LOG.infof("deleted source %d: WebSub unsubscription requested at %s", u.sourceId, u.hubUrl);
        } else {
            // the hub keeps pushing until the lease ends; each push gets 410, which also ends it
            LOG.warnf("deleted source %d: WebSub unsubscription at %s failed: %s", u.sourceId, u.hubUrl, error.get());
        }
    }

    /** POSTs a subscription form to the hub; empty when it accepted (2xx), else why not. */
    private Optional<String> askHub(String hubUrl, Map<String, String> form) {
        try {
            HttpFetchResult r = fetcher.postForm(URI.create(hubUrl), form);
            return r.status() == 202 || r.status() == 204 || r.status() == 200 ? Optional.empty()
                    : Optional.of("hub answered HTTP " + r.status());
        } catch (UrlRefusedException | FetchException | IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    @Transactional
    void recordFailure(long sourceId, String error) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        if (s != null) {
            s.state = s.state == State.ACTIVE ? State.ACTIVE : State.FAILED; // a failed renewal keeps the lease
            s.lastError = error == null ? null : error.length() > 2000 ? error.substring(0, 1999) + "…" : error;
        }
    }

    @Transactional
    public Optional<WebSubSubscription> find(long sourceId) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        if (s != null) {
            em.detach(s);
        }
        return Optional.ofNullable(s);
    }

    /**
     * The hub's verification of intent (GET on the callback). Confirms a subscribe for the topic we asked for at
     * this callback and starts the lease; confirms an unsubscribe we asked for when the source was deleted; records a
     * denial. Anything else is not ours.
     *
     * @return the challenge to echo, or empty for 404
     */
    @Transactional
    public Optional<String> verify(long sourceId, String mode, String topic, String challenge, String leaseSeconds,
            String reason) {
        if ("unsubscribe".equals(mode)) {
            return confirmUnsubscribe(sourceId, topic, challenge);
        }
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        if (s == null || topic == null || !topic.equals(s.topicUrl)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if ("denied".equals(mode)) {
            s.state = State.DENIED;
            s.lastError = "the hub denied the subscription" + (reason == null ? "" : ": " + truncate(reason));
            return Optional.of("");
        }
        if (!"subscribe".equals(mode) || challenge == null || challenge.isEmpty()
                || s.state == State.DENIED) {
            return Optional.empty();
        }
        long lease = config.websub().lease().toSeconds();
        try {
            if (leaseSeconds != null) {
                lease = Math.max(60, Long.parseLong(leaseSeconds.trim()));
            }
        } catch (NumberFormatException e) {
            // the hub's lease is unreadable: assume what we asked for
        }
        s.state = State.ACTIVE;
        s.leaseSeconds = lease;
        s.verifiedAt = now;
        s.expiresAt = now.plusSeconds(lease);
        s.lastError = null;
        LOG.infof("source %d: WebSub subscription verified, lease %d s", sourceId, lease);
        return Optional.of(challenge);
    }

    private Optional<String> confirmUnsubscribe(long sourceId, String topic, String challenge) {
        WebSubUnsubscription u = em.find(WebSubUnsubscription.class, sourceId);
        if (u == null || topic == null || !topic.equals(u.topicUrl) || challenge == null || challenge.isEmpty()) {
            return Optional.empty();
        }
        em.remove(u);
        LOG.infof("deleted source %d: WebSub unsubscription verified by the hub", sourceId);
        return Optional.of(challenge);
    }

    /** The secret of the active subscription of this source (for checking a push); empty when none is active. */
    @Transactional
    public Optional<String> activeSecret(long sourceId) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        return s != null && s.state == State.ACTIVE ? Optional.of(s.secret) : Optional.empty();
    }

    @Transactional
    public void recordPush(long sourceId, Instant at) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        if (s != null) {
            s.lastPushAt = at;
        }
    }

    /** Whether the source has a verified subscription whose lease runs (polling then falls back to its upper bound). */
    @Transactional
    public boolean pushed(long sourceId, Instant now) {
        WebSubSubscription s = em.find(WebSubSubscription.class, sourceId);
        return s != null && s.state == State.ACTIVE && s.expiresAt != null && s.expiresAt.isAfter(now);
    }

    /**
     * Claims active subscriptions whose lease ends within {@code websub.renew-before} and asks their hubs again.
     * One UPDATE both finds and claims them (it moves {@code requested_at}), so two replicas never renew one twice.
     *
     * @return how many renewals were requested
     */
    public int renewDue() {
        if (!enabled()) {
            return 0;
        }
        List<Long> due = claimRenewals(Instant.now());
        due.forEach(this::subscribe);
        forgetUnverifiedUnsubscriptions(Instant.now());
        return due.size();
    }

    @Transactional
    void forgetUnverifiedUnsubscriptions(Instant now) {
        em.createQuery("DELETE FROM WebSubUnsubscription u WHERE u.requestedAt < :before")
                .setParameter("before", now.minus(UNSUBSCRIBE_WAIT)).executeUpdate();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Long> claimRenewals(Instant now) {
        List<Number> ids = em.createNativeQuery("UPDATE websub_subscriptions SET requested_at = :now "
                        + "WHERE state = 'ACTIVE' AND expires_at < :soon AND requested_at < :recent RETURNING source_id")
                .setParameter("now", now)
                .setParameter("soon", now.plus(config.websub().renewBefore()))
                .setParameter("recent", now.minus(Duration.ofMinutes(5)))
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 499) + "…" : s;
    }
}
