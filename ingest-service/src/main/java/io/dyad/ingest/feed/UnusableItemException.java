package io.dyad.ingest.feed;

/** A feed item that cannot become an article (no link, a link that is not http(s), nothing to read). */
public class UnusableItemException extends RuntimeException {

    public UnusableItemException(String message) {
        super(message);
    }
}
