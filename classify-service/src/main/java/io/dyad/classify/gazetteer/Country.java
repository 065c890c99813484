package io.dyad.classify.gazetteer;

/** A country of the gazetteer: ISO 3166-1 alpha-2 and alpha-3 codes and display names. */
public record Country(String code, String iso3, String nameEn, String nameEs) {
}
