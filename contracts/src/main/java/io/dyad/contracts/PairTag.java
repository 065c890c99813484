package io.dyad.contracts;

import java.util.List;

/** Two countries the article relates; {@code pair} is in the sorted form of {@link CountryPair}. */
public record PairTag(String pair, double score, List<Evidence> evidence) {
}
