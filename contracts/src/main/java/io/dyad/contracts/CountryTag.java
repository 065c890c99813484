package io.dyad.contracts;

import java.util.List;

/** A country the article speaks about, with its salience score in [0,1]. */
public record CountryTag(String code, double score, int mentions, List<Evidence> evidence) {
}
