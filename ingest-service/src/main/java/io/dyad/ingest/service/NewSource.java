package io.dyad.ingest.service;

/**
 * A source to add, as the API received it; {@link SourceService#create} validates it.
 *
 * @param pollInterval the lower poll bound (kept as the name older clients use); {@code minPollInterval} wins
 * @param linkSelector web sources: CSS selector of article links on the listing page
 * @param linkPattern web sources: regular expression article URLs match
 */
public record NewSource(String name, String url, String type, String pollInterval, boolean fullText, String language,
        String country, String minPollInterval, String maxPollInterval, String linkSelector, String linkPattern) {

    public NewSource(String name, String url, String type, String pollInterval, boolean fullText) {
        this(name, url, type, pollInterval, fullText, null, null);
    }

    public NewSource(String name, String url, String type, String pollInterval, boolean fullText, String language,
            String country) {
        this(name, url, type, pollInterval, fullText, language, country, null, null, null, null);
    }
}
