package io.dyad.ingest.service;

/** Input that passed JSON binding but makes no sense (bad URL, unsupported type, duration out of range): a 400. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
