package io.dyad.classify.rest;

import io.dyad.classify.config.ClassifyConfig;
import io.dyad.classify.model.ClassifyRequest;
import io.dyad.classify.model.ClassifyResponse;
import io.dyad.classify.model.Problem;
import io.dyad.classify.service.TaggingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** POST /classify: the tags of any text, synchronously. */
@Path("/classify")
public class ClassifyResource {

    private final TaggingService tagging;
    private final ClassifyConfig config;

    public ClassifyResource(TaggingService tagging, ClassifyConfig config) {
        this.tagging = tagging;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify a text", description = "Language, countries by salience, country pairs and issues,"
            + " each with evidence spans {field,start,end,text} into the request's title or text.")
    @APIResponse(responseCode = "200", description = "The tags")
    @APIResponse(responseCode = "400", description = "Malformed JSON, no title and no text, or a title over the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Text over the size limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClassifyResponse classify(ClassifyRequest request) {
        if (request == null) {
            throw new ProblemException(400, "Missing body", "a JSON body {\"title\",\"text\"} is required");
        }
        boolean noTitle = request.title() == null || request.title().isBlank();
        boolean noText = request.text() == null || request.text().isBlank();
        if (noTitle && noText) {
            throw new ProblemException(400, "Nothing to classify", "title and text are both missing or blank");
        }
        if (request.title() != null && request.title().length() > config.maxTitleChars()) {
            throw new ProblemException(400, "Title too long", "title has " + request.title().length()
                    + " characters; the limit is " + config.maxTitleChars());
        }
        if (request.text() != null && request.text().length() > config.maxTextChars()) {
            throw new ProblemException(413, "Text too large", "text has " + request.text().length()
                    + " characters; the limit is " + config.maxTextChars());
        }
        return ClassifyResponse.of(tagging.classify(request.title(), request.text()));
    }
}
