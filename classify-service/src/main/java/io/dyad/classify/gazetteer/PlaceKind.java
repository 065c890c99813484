package io.dyad.classify.gazetteer;

import java.util.Locale;

/** What a gazetteer phrase names, and how much a mention of that kind says about the country. */
public enum PlaceKind {
    NAME(1.0), ABBREV(1.0), METONYM(0.8), CAPITAL(0.8), DEMONYM(0.7), ADMIN1(0.6), CITY(0.6), BLOCK(0.0);

    private final double weight;

    PlaceKind(double weight) {
        this.weight = weight;
    }

    /** Salience weight of one mention of this kind. */
    public double weight() {
        return weight;
    }

    /** A reading that names a country as a state (not one of its places): "Georgia" the country vs the US state. */
    public boolean countryLevel() {
        return this == NAME || this == ABBREV || this == METONYM || this == CAPITAL || this == DEMONYM;
    }

    public static PlaceKind parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
