package io.dyad.ingest.service;

public class DuplicateSourceException extends RuntimeException {

    private final Long existingId;

    public DuplicateSourceException(String url, Long existingId) {
        super("a source with the URL " + url + " already exists" + (existingId == null ? "" : " (id " + existingId + ")"));
        this.existingId = existingId;
    }

    public Long existingId() {
        return existingId;
    }
}
