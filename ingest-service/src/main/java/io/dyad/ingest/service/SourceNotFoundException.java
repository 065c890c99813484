package io.dyad.ingest.service;

public class SourceNotFoundException extends RuntimeException {

    public SourceNotFoundException(long id) {
        super("no source with id " + id);
    }
}
