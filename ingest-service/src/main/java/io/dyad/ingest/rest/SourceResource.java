package io.dyad.ingest.rest;

import io.dyad.ingest.service.FetchReport;
import io.dyad.ingest.service.FetchService;
import io.dyad.ingest.service.NewSource;
import io.dyad.ingest.service.SourceNotFoundException;
import io.dyad.ingest.service.SourceService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sources")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources", description = "Feeds the service polls")
public class SourceResource {

    @Inject
    SourceService sources;

    @Inject
    FetchService fetcher;

    @Inject
    io.dyad.ingest.websub.WebSubService websub;

    @Inject
    io.dyad.ingest.service.OpmlService opml;

    @POST
    @Path("/import")
    @Consumes({"text/x-opml", MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(summary = "Add every feed of an OPML subscription list; duplicates and bad entries are reported")
    public io.dyad.ingest.service.OpmlService.ImportReport importOpml(byte[] document) {
        if (document == null || document.length == 0) {
            throw new io.dyad.ingest.service.InvalidRequestException("body", "the request body must be an OPML "
                    + "document");
        }
        return opml.importOpml(document);
    }

    @GET
    @Path("/export")
    @Produces("text/x-opml;charset=UTF-8")
    @Operation(summary = "All sources as an OPML 2.0 subscription list")
    public String exportOpml() {
        return opml.exportOpml();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a source; the scheduler starts polling it")
    public Response create(@Valid @NotNull(message = "a JSON body is required") CreateSourceRequest body,
            @Context UriInfo uri) {
        SourceView created = SourceView.of(sources.create(
                new NewSource(body.name, body.url, body.type, body.pollInterval,
                        Boolean.TRUE.equals(body.fullText), body.language, body.country, body.minPollInterval,
                        body.maxPollInterval, body.linkSelector, body.linkPattern)));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Operation(summary = "All sources with the health of their last fetch")
    public List<SourceView> list() {
        return sources.list().stream().map(s -> SourceView.of(s, websub.find(s.id).orElse(null))).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One source")
    public SourceView get(@PathParam("id") long id) {
        return SourceView.of(sources.get(id), websub.find(id).orElse(null));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a source: name, poll bounds, hints, full text, link settings, enabled")
    public SourceView update(@PathParam("id") long id,
            @NotNull(message = "a JSON body is required") UpdateSourceRequest body) {
        sources.update(id, new io.dyad.ingest.service.SourceChanges(body.name, body.minPollInterval,
                body.maxPollInterval, body.fullText, body.language, body.country, body.enabled, body.linkSelector,
                body.linkPattern));
        return get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop polling a source and forget it")
    public Response delete(@PathParam("id") long id) {
        sources.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/fetch")
    @Operation(summary = "Fetch the source now and report what was found and published")
    public FetchReport fetch(@PathParam("id") long id) {
        return fetcher.fetch(id).orElseThrow(() -> new SourceNotFoundException(id));
    }
}
