package io.dyad.classify.gazetteer;

import java.util.List;

/** A country of the article with its salience in [0,1] and its mentions in document order. */
public record ScoredCountry(String code, double score, List<CountryMention> mentions) {
}
