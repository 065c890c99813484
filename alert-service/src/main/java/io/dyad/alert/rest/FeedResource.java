package io.dyad.alert.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dyad.alert.auth.PublicRoute;
import io.dyad.alert.feed.AtomFeed;
import io.dyad.alert.service.FeedService;
import io.dyad.alert.service.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A subscription's Atom feed. No API key: the unguessable token in the URL is the credential (feed readers). */
@Path("/feeds")
@PublicRoute
@Tag(name = "feeds")
public class FeedResource {

    static final String ATOM = "application/atom+xml;charset=UTF-8";
    private static final String SUFFIX = ".atom";

    @Inject
    FeedService feeds;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/{file}")
    @Operation(summary = "The subscription's Atom 1.0 feed: its newest matched stories with why they matched")
    public Response feed(@PathParam("file") String file, @Context UriInfo uri) {
        if (!file.endsWith(SUFFIX)) {
            throw new NotFoundException("no feed here");
        }
        FeedService.Feed feed = feeds.feed(file.substring(0, file.length() - SUFFIX.length()));
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(60);
        return Response.ok(AtomFeed.render(feed, uri.getAbsolutePath().toString(), mapper), ATOM)
                .cacheControl(cache).header("X-Robots-Tag", "noindex").build();
    }
}
