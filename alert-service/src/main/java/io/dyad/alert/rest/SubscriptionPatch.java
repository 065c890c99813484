package io.dyad.alert.rest;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.dyad.alert.service.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /subscriptions/{id}}: the fields to change, {@code name} and/or {@code frequency}; anything else
 * (filter, channel, owner …) is refused with a 400 that says so, rather than silently ignored.
 */
public class SubscriptionPatch {

    @Schema(examples = "US–Mexico trade, daily")
    public String name;

    public SubscriptionRequest.FrequencyBody frequency;

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
                    + " not changed by PATCH: only name and frequency are (to change the filter or channel, create a"
                    + " new subscription)");
        }
        if (name == null && frequency == null) {
            throw new InvalidInputException("nothing to change: give name and/or frequency");
        }
    }
}
