package io.dyad.alert.rest;

import io.dyad.alert.auth.CurrentCaller;
import io.dyad.alert.model.Subscription;
import io.dyad.alert.service.DeliveryService;
import io.dyad.alert.service.DeliveryView;
import io.dyad.alert.service.FeedService;
import io.dyad.alert.service.PreviewService;
import io.dyad.alert.service.SubscriptionDraft;
import io.dyad.alert.service.SubscriptionService;
import io.dyad.alert.service.SubscriptionValidator;
import io.dyad.alert.service.EmailChannelService;
import io.dyad.alert.service.TestAlertService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Subscriptions and their deliveries. Thin: validation, transactions and the index live in the services. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions")
public class SubscriptionResource {

    @Inject
    SubscriptionService subscriptions;

    @Inject
    DeliveryService deliveries;

    @Inject
    CurrentCaller caller;

    @Inject
    PreviewService previews;

    @Inject
    SubscriptionValidator validator;

    @Inject
    FeedService feeds;

    @Inject
    TestAlertService testAlerts;

    @Inject
    EmailChannelService emailChannel;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to pairs, countries, issues or keywords with a webhook, Slack or e-mail channel, "
            + "immediate or as hourly/daily/weekly digests")
    public Response create(@NotNull(message = "a JSON body is required") @Valid SubscriptionRequest body,
            @Context UriInfo uri) {
        SubscriptionRequest.Filter filter = body.filter();
        SubscriptionRequest.Channel channel = body.channel();
        Subscription created = subscriptions.create(caller.get().userId(), new SubscriptionDraft(body.name(),
                filter.pairs(), filter.countries(), filter.issues(), channel.type(), channel.url(), channel.address(),
                filter.countryMode(), filter.query(), filter.languages(), filter.sources(), filter.minScore()),
                body.frequency() == null ? null : body.frequency().draft());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
                .entity(SubscriptionView.created(created)).build();
    }

    @GET
    @Operation(summary = "The caller's subscriptions, newest first")
    public List<SubscriptionView> list() {
        return subscriptions.list(caller.get().userId()).stream().map(SubscriptionView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription")
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.get(caller.get().userId(), id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the name, the frequency (immediate, hourly, daily, weekly digests) and/or the filter "
            + "(a whole filter, as in POST, replacing the old one); each takes effect at once")
    public SubscriptionView update(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") SubscriptionPatch body) {
        body.check();
        return SubscriptionView.of(subscriptions.update(caller.get().userId(), id, new SubscriptionService.Changes(
                body.name, body.frequency == null ? null : body.frequency.draft(),
                body.filter == null ? null : body.filter.validate(validator))));
    }

    @POST
    @Path("/{id}/secret")
    @Operation(summary = "Rotate the webhook signing secret; the new one is shown only in this answer, and the "
            + "previous one keeps signing (a second signature) until previousSecretValidUntil")
    public SubscriptionService.RotatedSecret rotateSecret(@PathParam("id") String id) {
        return subscriptions.rotateSecret(caller.get().userId(), id);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable a disabled channel and replay its alerts: queued ones are due at once, FAILED ones "
            + "of the replay window are retried from the start under the same delivery id; SENT ones never again")
    public EnableView enable(@PathParam("id") String id) {
        SubscriptionService.Enabled enabled = subscriptions.enable(caller.get().userId(), id);
        return new EnableView(SubscriptionView.of(enabled.subscription()),
                new EnableView.Replay(enabled.resumed(), enabled.replayed()));
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a sample alert, marked as a test, through the subscription's channel; the answer says "
            + "whether the receiver accepted it")
    public TestAlertService.TestResult test(@PathParam("id") String id) {
        return testAlerts.send(caller.get().userId(), id);
    }

    @POST
    @Path("/{id}/confirmation")
    @Operation(summary = "E-mail channels: queue a new confirmation mail, sent at once and retried while the SMTP "
            + "server fails (the previous link stops working)")
    public EmailChannelService.ConfirmationOutcome resendConfirmation(@PathParam("id") String id) {
        return emailChannel.resend(caller.get().userId(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription and its deliveries")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(caller.get().userId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's deliveries, newest first: status, attempts, last error, latency")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return deliveries.list(caller.get().userId(), id, status, limit);
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Backtest a filter: what it would have sent from the stored articles of the last `since` "
            + "(ISO-8601 duration, default P7D, at most the retention window), one per story, newest first")
    public PreviewService.Preview previewFilter(@NotNull(message = "a JSON body is required") @Valid PreviewRequest body) {
        return previews.preview(body.filter().validate(validator), body.since(), body.limit());
    }

    @GET
    @Path("/{id}/preview")
    @Operation(summary = "What this subscription would have sent from the stored articles of the last `since`")
    public PreviewService.Preview preview(@PathParam("id") String id, @QueryParam("since") String since,
            @QueryParam("limit") Integer limit) {
        return previews.preview(caller.get().userId(), id, since, limit);
    }

    /** The feed's URL after a rotation. */
    public record FeedUrl(String url) {
    }

    @POST
    @Path("/{id}/feed")
    @Operation(summary = "Rotate the Atom feed URL: the new one is answered, the old one answers 404 from now on")
    public FeedUrl rotateFeed(@PathParam("id") String id, @Context UriInfo uri) {
        String token = feeds.rotate(caller.get().userId(), id);
        return new FeedUrl(uri.getBaseUriBuilder().path("feeds").path(token + ".atom").build().toString());
    }
}
