package io.dyad.alert.service;

/** What storing one article did: whether it was new, how many subscriptions matched, how many deliveries queued. */
public record IntakeResult(boolean newArticle, int matches, int queued) {
}
