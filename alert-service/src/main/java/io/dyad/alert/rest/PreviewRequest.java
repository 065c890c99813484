package io.dyad.alert.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /subscriptions/preview}: a filter as for a subscription, how far back, how many at most. */
public record PreviewRequest(
        @NotNull @Valid SubscriptionRequest.Filter filter,
        @Schema(examples = "P7D") String since,
        @Schema(examples = "50") Integer limit) {
}
