package io.dyad.classify.service;

import io.dyad.contracts.CountryTag;
import io.dyad.contracts.IssueTag;
import io.dyad.contracts.PairTag;
import java.util.List;

/** What the classifier found in one article. Countries by falling salience: the first is the focus. */
public record Classification(String language, List<CountryTag> countries, List<PairTag> pairs, List<IssueTag> issues) {
}
