package io.dyad.alert.service;

/** Bad client input; the message is the problem's {@code detail} and must say what to fix. Answered as 400. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String detail) {
        super(detail);
    }
}
