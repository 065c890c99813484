package io.dyad.alert.rest;

import io.dyad.alert.auth.CurrentCaller;
import io.dyad.alert.rest.AccountViews.CreatedUserView;
import io.dyad.alert.rest.AccountViews.KeyView;
import io.dyad.alert.rest.AccountViews.UserRequest;
import io.dyad.alert.rest.AccountViews.UserView;
import io.dyad.alert.service.AccountService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Accounts. Everything but {@code /users/me} is for administrators. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user (admin); the answer carries the user's first API key, shown only this once")
    public Response create(@NotNull(message = "a JSON body is required") @Valid UserRequest body,
            @Context UriInfo uri) {
        caller.requireAdmin();
        AccountService.CreatedUser created = accounts.createUser(body.name(), body.role());
        return Response.created(uri.getAbsolutePathBuilder().path(created.user().id.toString()).build())
                .entity(CreatedUserView.of(created)).build();
    }

    @GET
    @Operation(summary = "All users (admin)")
    public List<UserView> list() {
        caller.requireAdmin();
        return accounts.listUsers().stream().map(UserView::of).toList();
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's own account")
    public UserView me() {
        return UserView.of(accounts.getUser(caller.get().userId().toString()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user (admin)")
    public UserView get(@PathParam("id") String id) {
        caller.requireAdmin();
        return UserView.of(accounts.getUser(id));
    }

    @GET
    @Path("/{id}/api-keys")
    @Operation(summary = "A user's API keys, prefix only (admin)")
    public List<KeyView> keys(@PathParam("id") String id) {
        caller.requireAdmin();
        return accounts.listKeys(accounts.getUser(id).id).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}/api-keys/{keyId}")
    @Operation(summary = "Revoke a user's API key (admin)")
    public Response revoke(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        caller.requireAdmin();
        accounts.revokeKey(accounts.getUser(id).id, keyId);
        return Response.noContent().build();
    }
}
