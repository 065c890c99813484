package io.dyad.ingest.rest;

import io.dyad.ingest.service.ArticleSubmissionService;
import io.dyad.ingest.service.IngestResult;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Articles", description = "Articles submitted directly, without a feed")
public class ArticleResource {

    /** The answer to a submission: status "published" now, or "duplicate" of an article published before. */
    public record SubmitArticleResponse(String articleId, String storyId, String status) {
    }

    @Inject
    ArticleSubmissionService submissions;

    @POST
    @Operation(summary = "Publish one article to dyad.articles.raw (source \"api\"), once per canonical URL")
    public Response submit(@Valid @NotNull(message = "a JSON body is required") SubmitArticleRequest body) {
        IngestResult result = submissions.submit(body.url, body.title, body.text, body.publishedAt);
        return Response.accepted(new SubmitArticleResponse(result.articleId(), result.storyId(), result.status()))
                .build();
    }
}
