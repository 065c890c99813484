package io.dyad.alert.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to {@code POST /subscriptions/{id}/enable}: the subscription (same fields as {@code GET}) plus
 * {@code replay}: {@code resumed} queued alerts made due now, {@code replayed} FAILED alerts retried from the start.
 */
public record EnableView(@JsonUnwrapped SubscriptionView subscription, Replay replay) {

    public record Replay(int resumed, int replayed) {
    }
}
