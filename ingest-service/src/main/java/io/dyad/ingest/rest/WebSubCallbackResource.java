package io.dyad.ingest.rest;

import io.dyad.ingest.service.FetchService;
import io.dyad.ingest.websub.WebSubService;
import io.dyad.ingest.websub.WebSubSignature;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The WebSub callback hubs call: intent verification (GET) and content distribution (POST). Open, like every hub
 * expects; a push counts only with a valid {@code X-Hub-Signature} from the subscription's secret.
 */
@Path("/websub/{sourceId}")
@Tag(name = "WebSub", description = "Callback for WebSub hubs")
public class WebSubCallbackResource {

    private static final Logger LOG = Logger.getLogger(WebSubCallbackResource.class);

    @Inject
    WebSubService websub;

    @Inject
    FetchService fetcher;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Hub's verification of intent: echoes hub.challenge for a subscription we asked for")
    public Response verify(@PathParam("sourceId") long sourceId, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.topic") String topic, @QueryParam("hub.challenge") String challenge,
            @QueryParam("hub.lease_seconds") String lease, @QueryParam("hub.reason") String reason) {
        Optional<String> answer = websub.verify(sourceId, mode, topic, challenge, lease, reason);
        return answer.map(c -> Response.ok(c, MediaType.TEXT_PLAIN).build())
                .orElseGet(() -> Response.status(404).entity("no such subscription").build());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Content distribution: the feed's new content, signed with the subscription's secret")
    public Response distribute(@PathParam("sourceId") long sourceId, @HeaderParam("X-Hub-Signature") String signature,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        Optional<String> secret = websub.activeSecret(sourceId);
        if (secret.isEmpty()) {
            return Response.status(410).build(); // no active subscription: hubs stop sending on 410
        }
        if (!WebSubSignature.valid(signature, body == null ? new byte[0] : body, secret.get())) {
            // the spec: acknowledge, but ignore content that is not signed with our secret
            LOG.warnf("source %d: WebSub push with a missing or wrong signature ignored", sourceId);
            return Response.accepted().build();
        }
        websub.recordPush(sourceId, Instant.now());
        fetcher.ingestPushed(sourceId, body, contentType);
        return Response.accepted().build();
    }
}
