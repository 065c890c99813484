package io.dyad.alert.service;

/** The request is well-formed but the resource is not in a state that allows it. Answered as 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
