package io.dyad.alert.delivery;

import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.egress.UnsafeUrlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the HTTP channels (webhook, Slack) share: the start of an error answer, and a failed call as an outcome. */
final class HttpCalls {

    static final int MAX_ERROR_BODY = 512;

    private HttpCalls() {
    }

    /** Where to send, or why not: a refusal is permanent, retrying cannot make the URL safe. */
    record Target(URI uri, DeliveryOutcome.Failed refused) {
    }

    /**
     * The URL re-checked by the SSRF guard right before the call; https only unless private networks are allowed
     * (tests, the demo). {@code what} names the channel in the refusal ("webhooks", "Slack webhooks").
     */
    static Target target(SsrfGuard guard, String url, String what) {
        URI uri;
        try {
            uri = guard.check(url);
        } catch (UnsafeUrlException e) {
            return new Target(null, DeliveryOutcome.Failed.permanent("refused: " + e.getMessage()));
        }
        if (!guard.allowsPrivateNetwork() && !"https".equalsIgnoreCase(uri.getScheme())) {
            return new Target(null, DeliveryOutcome.Failed.permanent("refused: " + what + " must use https"));
        }
        return new Target(uri, null);
    }

    /** The start of an answer for last_error; the rest is dropped unread. */
    static String readSnippet(InputStream body) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        }
    }

    /** Network trouble is always worth another attempt. */
    static DeliveryOutcome.Failed failure(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return DeliveryOutcome.Failed.retryable("connect timed out after " + timeout.toSeconds() + " s");
        }
        if (e instanceof HttpTimeoutException) {
            return DeliveryOutcome.Failed.retryable("no answer within " + timeout.toSeconds() + " s");
        }
        if (e instanceof ConnectException) {
            return DeliveryOutcome.Failed.retryable("connection refused or unreachable");
        }
        return DeliveryOutcome.Failed.retryable("I/O error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    static DeliveryOutcome.Failed interrupted() {
        Thread.currentThread().interrupt();
        return DeliveryOutcome.Failed.retryable("interrupted (shutting down)");
    }
}
