package io.dyad.alert.service;

/** An id that names nothing (or, later, nothing of the caller's). Answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
