package io.dyad.alert.egress;

/** A URL the service refuses to call; the message says why, without the URL's path or query (they may be secret). */
public class UnsafeUrlException extends Exception {

    public UnsafeUrlException(String message) {
        super(message);
    }
}
