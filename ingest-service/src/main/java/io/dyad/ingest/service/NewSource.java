package io.dyad.ingest.service;

/** A source to add, as the API received it; {@link SourceService#create} validates it. */
public record NewSource(String name, String url, String type, String pollInterval, boolean fullText, String language,
        String country) {

    public NewSource(String name, String url, String type, String pollInterval, boolean fullText) {
        this(name, url, type, pollInterval, fullText, null, null);
    }
}
