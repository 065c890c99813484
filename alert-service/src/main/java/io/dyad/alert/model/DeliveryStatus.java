package io.dyad.alert.model;

/** PENDING until sent (SENT) or until the retry schedule is used up or the failure is permanent (FAILED). */
public enum DeliveryStatus {
    PENDING, SENT, FAILED
}
