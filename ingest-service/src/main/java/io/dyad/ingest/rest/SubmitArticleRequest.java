package io.dyad.ingest.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /articles}. */
public class SubmitArticleRequest {

    @NotBlank(message = "url is required")
    @Size(max = 4096, message = "url must be at most 4096 characters")
    @Schema(examples = "https://example.com/2026/11/27/story")
    public String url;

    @NotBlank(message = "title is required")
    @Size(max = 2000, message = "title must be at most 2000 characters")
    public String title;

    @NotBlank(message = "text is required")
    @Size(max = 1_000_000, message = "text must be at most 1000000 characters")
    @Schema(description = "Plain text; blank lines separate paragraphs")
    public String text;

    @Schema(description = "ISO-8601 instant, optional", examples = "2026-11-27T14:00:00Z")
    public Instant publishedAt;
}
