package io.dyad.ingest.rest;

import io.dyad.ingest.extract.ArticleExtractor;
import io.dyad.ingest.extract.ExtractedArticle;
import io.dyad.ingest.service.InvalidRequestException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/extract")
@Tag(name = "Extraction", description = "Main text and metadata of an article page (preview and measurement)")
public class ExtractResource {

    @Inject
    ArticleExtractor extractor;

    /** The page is not fetched: {@code url} only says where it came from (relative canonical links). */
    @POST
    @Consumes(MediaType.TEXT_HTML)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Extract title, text, authors, publishedAt, language and canonicalUrl from the posted page")
    public ExtractedArticle extract(@QueryParam("url") String url, String html) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("url", "the query parameter url (the page's address) is required");
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new InvalidRequestException("url", "url must be an absolute http or https URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new InvalidRequestException("url", "url is not a valid URL: " + e.getReason());
        }
        if (html == null || html.isBlank()) {
            throw new InvalidRequestException("body", "the request body must be the page's HTML");
        }
        return extractor.extract(html, url.trim());
    }
}
