package io.dyad.classify.messaging;

/** A record of dyad.articles.raw that cannot be read; the message is the reason put in the DLQ headers. */
public class InvalidRawArticleException extends RuntimeException {

    public InvalidRawArticleException(String reason) {
        super(reason);
    }

    public InvalidRawArticleException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
