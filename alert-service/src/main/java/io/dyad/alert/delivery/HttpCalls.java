package io.dyad.alert.delivery;

import io.dyad.alert.egress.GuardedHttpClient;
import io.dyad.alert.egress.RefusedAddressException;
import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.egress.UnsafeUrlException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/** What the HTTP channels (webhook, Slack) share: the URL rules, the start of an error answer, failures as outcomes. */
final class HttpCalls {

    static final int MAX_ERROR_BODY = GuardedHttpClient.MAX_BODY_START;

    private HttpCalls() {
    }

    /** Where to send, or why not: a refusal is permanent, retrying cannot make the URL safe. */
    record Target(URI uri, DeliveryOutcome.Failed refused) {
    }

    /**
     * The URL's syntax (absolute http(s), no user info) and https unless private networks are allowed (tests, the
     * demo). Its addresses are checked by the guard at connect time, inside {@link GuardedHttpClient}. {@code what}
     * names the channel in the refusal ("webhooks", "Slack webhooks").
     */
    static Target target(SsrfGuard guard, String url, String what) {
        URI uri;
        try {
            uri = SsrfGuard.parse(url);
        } catch (UnsafeUrlException e) {
            return new Target(null, DeliveryOutcome.Failed.permanent("refused: " + e.getMessage()));
        }
        if (!guard.allowsPrivateNetwork() && !"https".equalsIgnoreCase(uri.getScheme())) {
            return new Target(null, DeliveryOutcome.Failed.permanent("refused: " + what + " must use https"));
        }
        return new Target(uri, null);
    }

    /** The start of an answer for last_error, on one line. */
    static String snippet(String bodyStart) {
        return bodyStart.replaceAll("\\s+", " ").trim();
    }

    /**
     * A refused address is permanent (retrying cannot make it safe); network trouble is always worth another
     * attempt, an unresolvable host included (DNS can fail for a while).
     */
    static DeliveryOutcome.Failed failure(IOException e, Duration timeout) {
        if (e instanceof RefusedAddressException) {
            return DeliveryOutcome.Failed.permanent("refused: " + e.getMessage());
        }
        if (Thread.currentThread().isInterrupted()) {
            return DeliveryOutcome.Failed.retryable("interrupted (shutting down)");
        }
        if (e instanceof ConnectTimeoutException) {
            return DeliveryOutcome.Failed.retryable("connect timed out after " + timeout.toSeconds() + " s");
        }
        if (e instanceof GuardedHttpClient.DeadlineExceededException || e instanceof SocketTimeoutException) {
            return DeliveryOutcome.Failed.retryable("no answer within " + timeout.toSeconds() + " s");
        }
        if (e instanceof ConnectException) {
            return DeliveryOutcome.Failed.retryable("connection refused or unreachable");
        }
        if (e instanceof UnknownHostException) {
            return DeliveryOutcome.Failed.retryable("host cannot be resolved: " + e.getMessage());
        }
        if (e instanceof SSLException) {
            return DeliveryOutcome.Failed.retryable("TLS failed: " + e.getMessage());
        }
        return DeliveryOutcome.Failed.retryable("I/O error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    static DeliveryOutcome.Failed interrupted() {
        Thread.currentThread().interrupt();
        return DeliveryOutcome.Failed.retryable("interrupted (shutting down)");
    }
}
