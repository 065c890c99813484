package io.dyad.ingest.feed;

/** A body that is not a usable RSS or Atom feed; the message says why in one sentence. */
public class FeedParseException extends RuntimeException {

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
