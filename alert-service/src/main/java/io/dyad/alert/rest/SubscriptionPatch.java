package io.dyad.alert.rest;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.dyad.alert.service.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /subscriptions/{id}}: the fields to change, {@code name}, {@code frequency} and/or {@code filter}
 * (a whole filter, as in POST, replacing the old one); anything else (channel, owner …) is refused with a 400 that says
 * so, rather than silently ignored.
 */
public class SubscriptionPatch {

    @Schema(examples = "US–Mexico trade, daily")
    public String name;

    public SubscriptionRequest.FrequencyBody frequency;

    @Schema(description = "the whole new filter, as in POST; it replaces the old one (fields left out are empty)")
    public SubscriptionRequest.Filter filter;

    private final List<String> unknown = new ArrayList<>();

    @JsonAnySetter
    void other(String field, Object value) {
        unknown.add(field);
    }

    /** Throws a 400 for fields PATCH cannot change, or a body that changes nothing. */
    void check() {
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(String.join(", ", unknown.stream().sorted().toList())
                    + (unknown.size() == 1 ? " is" : " are")
                    + " not changed by PATCH: only name, frequency and filter are (to change the channel, create a new"
                    + " subscription)");
        }
        if (name == null && frequency == null && filter == null) {
            throw new InvalidInputException("nothing to change: give name, frequency and/or filter");
        }
    }
}
