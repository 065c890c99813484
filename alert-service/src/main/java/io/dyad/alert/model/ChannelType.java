package io.dyad.alert.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where alerts go: a signed JSON webhook, a Slack incoming webhook, or an e-mail address (double opt-in). */
public enum ChannelType {
    WEBHOOK, SLACK, EMAIL;

    /** The name used in the API and the database: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelType> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(t -> t.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** "webhook" (or "webhook, slack" later), for error messages. */
    public static String supported() {
        return Arrays.stream(values()).map(ChannelType::id).collect(Collectors.joining(", "));
    }
}
