package io.dyad.alert.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /subscriptions}. */
public record SubscriptionRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "US–Mexico trade and migration") String name,
        @NotNull @Valid Filter filter,
        @NotNull @Valid Channel channel) {

    /** Any of the pairs (either order) or any of the countries; then, when issues are given, any of the issues. */
    public record Filter(
            @Schema(examples = "[\"US-MX\"]") List<String> pairs,
            @Schema(examples = "[]") List<String> countries,
            @Schema(examples = "[\"trade\", \"migration\"]") List<String> issues) {
    }

    /** Where alerts go: {@code webhook} or {@code slack} with a {@code url}, or {@code email} with an {@code address}. */
    public record Channel(
            @NotBlank @Schema(examples = "webhook") String type,
            @Schema(examples = "https://hooks.example.com/dyad") String url,
            @Schema(examples = "analyst@example.org") String address) {
    }
}
