package io.dyad.alert.digest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How often a subscription's alerts go out: each story at once, or gathered into one digest per window. */
public enum Frequency {
    IMMEDIATE, HOURLY, DAILY, WEEKLY;

    /** The lower-case id of the API and the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isDigest() {
        return this != IMMEDIATE;
    }

    public static Optional<Frequency> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    public static String supported() {
        return Arrays.stream(values()).map(Frequency::id).collect(Collectors.joining(", "));
    }
}
