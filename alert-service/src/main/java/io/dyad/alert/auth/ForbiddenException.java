package io.dyad.alert.auth;

/** A valid key without the role the route needs. Answered as 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String detail) {
        super(detail);
    }
}
