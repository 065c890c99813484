package io.dyad.ingest.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /sources/{id}}: only the fields given change; "" clears a hint or link setting. */
public class UpdateSourceRequest {

    @Schema(examples = "Reuters World")
    public String name;

    @Schema(description = "Lower poll bound, ISO-8601 between PT1M and P1D", examples = "PT10M")
    public String minPollInterval;

    @Schema(description = "Upper poll bound, ISO-8601 between PT1M and P1D", examples = "PT2H")
    public String maxPollInterval;

    public Boolean fullText;

    @Schema(description = "Language hint (ISO 639); \"\" clears it", examples = "es")
    public String language;

    @Schema(description = "Country hint (ISO 3166-1 alpha-2); \"\" clears it", examples = "MX")
    public String country;

    @Schema(description = "false stops polling (status DISABLED); true resumes it at once")
    public Boolean enabled;

    @Schema(description = "Web sources: CSS selector of article links")
    public String linkSelector;

    @Schema(description = "Web sources: regular expression article URLs match")
    public String linkPattern;
}
