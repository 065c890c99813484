package io.dyad.alert.rest;

import io.dyad.alert.auth.CurrentCaller;
import io.dyad.alert.repository.FailureRepository;
import io.dyad.alert.service.NoticeService;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's failure notices: what went wrong with their channels, and whether and how they were told. */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notices")
public class NoticeResource {

    @Inject
    NoticeService notices;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Failed deliveries and disabled channels of the caller's subscriptions, newest first")
    public List<FailureRepository.NoticeRow> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return notices.list(caller.get().userId(), limit);
    }
}
