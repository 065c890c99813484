package io.dyad.alert.auth;

/** No key, or a key that is unknown or revoked. Answered as 401 with {@code WWW-Authenticate: Bearer}. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String detail) {
        super(detail);
    }
}
