package io.dyad.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /sources}. */
public class CreateSourceRequest {

    @NotBlank(message = "name is required")
    @Size(max = 200, message = "name must be at most 200 characters")
    @Schema(examples = "Reuters World")
    public String name;

    @NotBlank(message = "url is required")
    @Size(max = 2048, message = "url must be at most 2048 characters")
    @Schema(examples = "https://example.com/world/rss.xml")
    public String url;

    @Schema(description = "Source type; only \"rss\" (RSS and Atom feeds) in this version", defaultValue = "rss")
    public String type;

    @Schema(description = "ISO-8601 duration between PT1M and P1D", defaultValue = "PT5M", examples = "PT15M")
    public String pollInterval;

    @Schema(description = "Fetch each item's page and extract its full text when the feed gives only a short "
            + "text", defaultValue = "false")
    public Boolean fullText;

    @Schema(description = "Language hint, an ISO 639 code; used when the feed does not say", examples = "es")
    public String language;

    @Schema(description = "Country hint, an ISO 3166-1 alpha-2 code, carried in each article's source",
            examples = "MX")
    public String country;
}
