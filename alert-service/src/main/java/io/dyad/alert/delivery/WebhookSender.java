package io.dyad.alert.delivery;

import io.dyad.alert.egress.SsrfGuard;
import io.dyad.alert.egress.UnsafeUrlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one alert as one JSON POST (Standard Webhooks headers {@code webhook-id}, {@code webhook-timestamp}; signing
 * comes with per-subscription secrets). Only 2xx counts as delivered; redirects are not followed; the URL passes the
 * SSRF guard again right before the call; at most {@link #MAX_ERROR_BODY} bytes of an error answer are read.
 */
public class WebhookSender {

    static final int MAX_ERROR_BODY = 512;
    static final String USER_AGENT = "Dyad-Alert/0.1 (+webhook)";

    private final HttpClient client;
    private final SsrfGuard guard;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(SsrfGuard guard, Duration timeout, Clock clock) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build(), guard, timeout, clock);
    }

    WebhookSender(HttpClient client, SsrfGuard guard, Duration timeout, Clock clock) {
        this.client = client;
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
    }

    public DeliveryOutcome send(String url, String webhookId, byte[] jsonBody) {
        URI target;
        try {
            target = guard.check(url);
        } catch (UnsafeUrlException e) {
            return DeliveryOutcome.Failed.permanent("refused: " + e.getMessage());
        }
        Instant now = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(now.getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonBody))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String snippet = readSnippet(response.body());
            if (status >= 200 && status < 300) {
                return new DeliveryOutcome.Delivered(status);
            }
            String error = status >= 300 && status < 400
                    ? "HTTP " + status + ": redirects are not followed"
                    : "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
            Duration retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
            return new DeliveryOutcome.Failed(error, status, retryAfter, false);
        } catch (HttpConnectTimeoutException e) {
            return DeliveryOutcome.Failed.retryable("connect timed out after " + timeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return DeliveryOutcome.Failed.retryable("no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return DeliveryOutcome.Failed.retryable("connection refused or unreachable");
        } catch (IOException e) {
            return DeliveryOutcome.Failed.retryable("I/O error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.Failed.retryable("interrupted (shutting down)");
        }
    }

    /** The start of an error answer for last_error; the rest is dropped unread. */
    private static String readSnippet(InputStream body) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        }
    }
}
