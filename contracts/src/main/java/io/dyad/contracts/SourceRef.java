package io.dyad.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The source an article came from, as carried in events. country and language are hints, possibly null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRef(String id, String name, String type, String country, String language) {
}
