package io.dyad.alert.matching;

import java.util.Locale;
import java.util.Optional;

/** How a subscription's countries combine: the article carries any one of them, or all of them. */
public enum CountryMode {
    ANY, ALL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CountryMode> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (CountryMode mode : values()) {
            if (mode.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
