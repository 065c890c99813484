package io.dyad.alert.model;

/**
 * PENDING until sent (SENT) or until the retry schedule is used up or the failure is permanent (FAILED). A story of a
 * digest subscription is QUEUED until its window closes, then DIGESTED: the digest delivery (a row of its own) is
 * what is sent, retried and failed.
 */
public enum DeliveryStatus {
    PENDING, SENT, FAILED, QUEUED, DIGESTED
}
