package io.dyad.classify.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /classify: a title, a text, or both. */
@Schema(description = "An article to classify; at least one of title and text must be non-blank.")
public record ClassifyRequest(
        @Schema(description = "Headline", example = "U.S. and Mexico strike deal to end steel tariff dispute") String title,
        @Schema(description = "Body text (plain text; at most 1,000,000 characters by default)") String text) {
}
