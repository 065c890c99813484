package io.dyad.classify.model;

import java.util.List;

/** Answer of GET /taxonomy: the issue ids and the countries the classifier can tag. */
public record TaxonomyResponse(String version, String classifierVersion, List<IssueItem> issues,
        List<CountryItem> countries) {

    public record Names(String en, String es) {
    }

    public record IssueItem(String id, String iptc, Names names) {
    }

    public record CountryItem(String code, Names names) {
    }
}
