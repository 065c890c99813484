package io.dyad.systemtests.faults;

/** A subscription made through alert-service's API: its id, the pair it follows and the receiver path it posts to. */
record Subscription(String id, String pair, String path) {
}
