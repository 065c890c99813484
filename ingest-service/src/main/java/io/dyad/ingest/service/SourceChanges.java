package io.dyad.ingest.service;

/**
 * Changes to a source ({@code PATCH /sources/{id}}): null leaves a field as it is; an empty language, country,
 * linkSelector or linkPattern clears it.
 *
 * @param enabled false stops polling (status DISABLED); true resumes it now
 */
public record SourceChanges(String name, String minPollInterval, String maxPollInterval, Boolean fullText,
        String language, String country, Boolean enabled, String linkSelector, String linkPattern) {
}
