package io.dyad.alert.messaging;

/** A record that is not a usable TaggedArticle v1; the message is the reason put on the dead-letter record. */
public class InvalidArticleException extends RuntimeException {

    public InvalidArticleException(String reason) {
        super(reason);
    }

    public InvalidArticleException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
