package io.dyad.alert.rest;

import io.dyad.alert.auth.PublicRoute;
import io.dyad.alert.email.Html;
import io.dyad.alert.service.EmailChannelService;
import io.dyad.alert.service.EmailChannelService.Confirmed;
import io.dyad.alert.service.EmailChannelService.LinkResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pages that links in mails open, for people rather than programs (HTML, no API key; the token is the
 * credential). Confirming is a GET (the link in the confirmation mail). Unsubscribing follows RFC 8058: a POST (the
 * mail client's one-click, body {@code List-Unsubscribe=One-Click}, or the page's button) unsubscribes at once; a GET
 * only shows a page with that button, so link scanners that prefetch URLs unsubscribe nobody.
 */
@Path("/email")
@PublicRoute
@Tag(name = "e-mail links")
@Produces(MediaType.TEXT_HTML)
public class EmailLinkResource {

    @Inject
    EmailChannelService email;

    @GET
    @Path("/confirm")
    @Operation(summary = "Confirm an address (the link in the confirmation mail; single use, expires)")
    public Response confirm(@QueryParam("token") String token) {
        Confirmed c = email.confirm(token);
        return switch (c.result()) {
            case DONE -> page(200, "Address confirmed", "Alerts for \"" + c.subscriptionName() + "\" will now be sent to "
                    + c.address() + ". Every alert mail has a link to unsubscribe.");
            case EXPIRED -> page(410, "Link expired", "This confirmation link has expired. Ask the subscription's "
                    + "owner to send a new one.");
            case UNKNOWN -> page(404, "Unknown link", "This confirmation link is unknown or was already used.");
        };
    }

    @GET
    @Path("/unsubscribe")
    @Operation(summary = "Show the unsubscribe page (does not unsubscribe: RFC 8058)")
    public Response unsubscribePage(@QueryParam("token") String token) {
        Confirmed c = email.describeUnsubscribe(token);
        if (c.result() != LinkResult.DONE) {
            return page(404, "Unknown link", "This unsubscribe link is unknown.");
        }
        String action = "/email/unsubscribe?token=" + Html.escape(token);
        String body = "<p>Stop alerts for \"" + Html.escape(c.subscriptionName()) + "\" to " + Html.escape(c.address())
                + "?</p><form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" "
                + "name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>";
        return html(200, "Unsubscribe", body);
    }

    @POST
    @Path("/unsubscribe")
    @Operation(summary = "Unsubscribe at once (RFC 8058 one-click POST; also the page's button)")
    public Response unsubscribe(@QueryParam("token") String token) {
        Confirmed c = email.unsubscribe(token);
        if (c.result() != LinkResult.DONE) {
            return page(404, "Unknown link", "This unsubscribe link is unknown.");
        }
        return page(200, "Unsubscribed", "No more alerts for \"" + c.subscriptionName() + "\" will be sent to "
                + c.address() + ".");
    }

    private static Response page(int status, String title, String text) {
        return html(status, title, "<p>" + Html.escape(text) + "</p>");
    }

    private static Response html(int status, String title, String body) {
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + Html.escape(title) + " · Dyad</title></head><body style=\"font-family:sans-serif\"><h1>"
                + Html.escape(title) + "</h1>" + body + "</body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(page)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
