package io.dyad.ingest.opml;

/** The posted document is not usable OPML; the message says why. */
public class OpmlException extends RuntimeException {

    public OpmlException(String message) {
        super(message);
    }
}
