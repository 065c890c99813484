package io.dyad.alert.delivery;

import io.dyad.alert.egress.GuardedHttpClient;
import io.dyad.alert.egress.SsrfGuard;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends one alert as one JSON POST signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}). Only 2xx counts as delivered; redirects are not followed; one deadline covers connecting
 * and the answer; the socket connects only to an address the SSRF guard has just checked ({@link GuardedHttpClient}),
 * and the URL must be https unless private networks are allowed (tests, the demo); at most {@link #MAX_ERROR_BODY}
 * bytes of an error answer are read.
 */
public class WebhookSender {

    static final int MAX_ERROR_BODY = HttpCalls.MAX_ERROR_BODY;
    static final String USER_AGENT = "Dyad-Alert/0.1 (+webhook)";

    private final GuardedHttpClient client;
    private final SsrfGuard guard;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(SsrfGuard guard, Duration timeout, Clock clock) {
        this(new GuardedHttpClient(guard, timeout), guard, timeout, clock);
    }

    WebhookSender(GuardedHttpClient client, SsrfGuard guard, Duration timeout, Clock clock) {
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
        Map<String, String> headers = Map.of(
                "User-Agent", USER_AGENT,
                "webhook-id", webhookId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.header(secrets, webhookId, timestamp, jsonBody));
        try {
            GuardedHttpClient.Answer answer = client.post(target.uri(), headers, "application/json", jsonBody);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return new DeliveryOutcome.Delivered(status);
            }
            String snippet = HttpCalls.snippet(answer.bodyStart());
            String error = status >= 300 && status < 400
                    ? "HTTP " + status + ": redirects are not followed"
                    : "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
            Duration retryAfter = answer.retryAfter() == null ? null
                    : RetryAfter.parse(answer.retryAfter(), clock.instant()).orElse(null);
            return new DeliveryOutcome.Failed(error, status, retryAfter, false);
        } catch (IOException e) {
            return HttpCalls.failure(e, timeout);
        }
    }
}
