package io.dyad.alert.rest;

import io.dyad.alert.auth.CurrentCaller;
import io.dyad.alert.rest.AccountViews.KeyRequest;
import io.dyad.alert.rest.AccountViews.KeyView;
import io.dyad.alert.rest.AccountViews.NewKeyView;
import io.dyad.alert.service.AccountService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** The caller's own API keys: make another (shown once), list by prefix, revoke. */
@Path("/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "api-keys")
public class ApiKeyResource {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The caller's API keys (prefix only)")
    public List<KeyView> list() {
        return accounts.listKeys(caller.get().userId()).stream().map(KeyView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make another API key for the caller; the key is shown only in this answer")
    public Response create(@Valid KeyRequest body, @Context UriInfo uri) {
        AccountService.IssuedKey key = accounts.createKey(caller.get().userId(), body == null ? null : body.name());
        return Response.created(uri.getAbsolutePathBuilder().path(key.stored().id.toString()).build())
                .entity(NewKeyView.of(key)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of the caller's API keys; it stops working at once")
    public Response revoke(@PathParam("id") String id) {
        accounts.revokeKey(caller.get().userId(), id);
        return Response.noContent().build();
    }
}
