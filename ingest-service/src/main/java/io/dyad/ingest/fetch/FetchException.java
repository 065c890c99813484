package io.dyad.ingest.fetch;

/** A request that produced no usable HTTP response: timeout, network error, body too large, redirect trouble. */
public class FetchException extends RuntimeException {

    private final FetchOutcome outcome;

    public FetchException(FetchOutcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public FetchException(FetchOutcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public FetchOutcome outcome() {
        return outcome;
    }
}
