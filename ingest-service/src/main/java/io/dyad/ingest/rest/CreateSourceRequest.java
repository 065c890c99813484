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

    @Schema(description = "Source type: \"rss\" (RSS, Atom, JSON Feed), \"sitemap\" (sitemap index, urlset, Google "
            + "News sitemap) or \"web\" (a listing page; needs linkSelector or linkPattern)", defaultValue = "rss")
    public String type;

    @Schema(description = "Lower poll bound (older name of minPollInterval), ISO-8601 between PT1M and P1D",
            defaultValue = "PT5M", examples = "PT15M")
    public String pollInterval;

    @Schema(description = "Lower poll bound, ISO-8601 between PT1M and P1D; the interval adapts to how often the "
            + "source publishes, within the bounds", defaultValue = "PT5M", examples = "PT10M")
    public String minPollInterval;

    @Schema(description = "Upper poll bound, ISO-8601 between PT1M and P1D, not below the lower one",
            defaultValue = "PT1H (dyad.ingest.poll.default-max-interval)", examples = "PT2H")
    public String maxPollInterval;

    @Schema(description = "Web sources: CSS selector of the article links on the listing page",
            examples = "article h2 a")
    public String linkSelector;

    @Schema(description = "Web sources: regular expression the article URLs match", examples = "/news/\\d{4}/")
    public String linkPattern;

    @Schema(description = "Fetch each item's page and extract its full text when the feed gives only a short "
            + "text", defaultValue = "false")
    public Boolean fullText;

    @Schema(description = "Language hint, an ISO 639 code; used when the feed does not say", examples = "es")
    public String language;

    @Schema(description = "Country hint, an ISO 3166-1 alpha-2 code, carried in each article's source",
            examples = "MX")
    public String country;
}
