package io.dyad.alert.service;

import io.dyad.alert.model.Subscription;
import io.dyad.alert.repository.DeliveryRepository;
import io.dyad.alert.repository.SubscriptionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Atom feed of a subscription: its newest matched stories (the outbox rows, whatever their delivery status), each
 * with the why. Reached only through the subscription's unguessable token; the owner sees and rotates it.
 */
@ApplicationScoped
public class FeedService {

    public static final int ENTRIES = 50;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SubscriptionService subscriptionService;

    /** 256 random bits as 64 hex characters. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What a feed shows: the subscription and its newest matched stories. */
    public record Feed(UUID subscriptionId, String name, Instant createdAt, List<DeliveryRepository.FeedEntry> entries) {
    }

    /** The feed for {@code token}; 404 for any token that is not a current one. */
    public Feed feed(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new NotFoundException("no feed here");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = subscriptions.findByFeedToken(token);
            if (s == null) {
                throw new NotFoundException("no feed here");
            }
            return new Feed(s.id, s.name, s.createdAt, deliveries.feedEntries(s.id, ENTRIES));
        });
    }

    /** A new token for the owner's subscription; the old feed URL answers 404 from now on. */
    public String rotate(UUID ownerId, String subscriptionId) {
        UUID id = subscriptionService.get(ownerId, subscriptionId).id;
        String token = newToken();
        QuarkusTransaction.requiringNew().run(() -> {
            Subscription s = subscriptions.findOwned(ownerId, id);
            if (s == null) {
                throw new NotFoundException("no subscription with id " + subscriptionId);
            }
            s.feedToken = token;
            s.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        });
        return token;
    }
}
