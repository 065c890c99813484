package io.dyad.alert.delivery;

import io.dyad.alert.egress.SsrfGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends one alert as one JSON POST signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}). Only 2xx counts as delivered; redirects are not followed; one deadline covers connecting
 * and the answer; the URL passes the SSRF guard again right before the call, and must be https unless private
 * networks are allowed (tests, the demo); at most {@link #MAX_ERROR_BODY} bytes of an error answer are read.
 */
public class WebhookSender {

    static final int MAX_ERROR_BODY = HttpCalls.MAX_ERROR_BODY;
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

    /** @param secrets the {@code whsec_} secrets to sign with: the current one, and the previous during a rotation */
    public DeliveryOutcome send(String url, String webhookId, List<String> secrets, byte[] jsonBody) {
        HttpCalls.Target target = HttpCalls.target(guard, url, "webhooks");
        if (target.refused() != null) {
            return target.refused();
        }
        if (secrets.isEmpty()) {
            return DeliveryOutcome.Failed.permanent("the subscription has no signing secret");
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target.uri())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(secrets, webhookId, timestamp, jsonBody))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonBody))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String snippet = HttpCalls.readSnippet(response.body());
            if (status >= 200 && status < 300) {
                return new DeliveryOutcome.Delivered(status);
            }
            String error = status >= 300 && status < 400
                    ? "HTTP " + status + ": redirects are not followed"
                    : "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
            Duration retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
            return new DeliveryOutcome.Failed(error, status, retryAfter, false);
        } catch (IOException e) {
            return HttpCalls.failure(e, timeout);
        } catch (InterruptedException e) {
            return HttpCalls.interrupted();
        }
    }
}
