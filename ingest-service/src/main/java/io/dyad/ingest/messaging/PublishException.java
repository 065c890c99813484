package io.dyad.ingest.messaging;

/** An article the broker did not acknowledge; the caller's transaction rolls back so the article is retried. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
