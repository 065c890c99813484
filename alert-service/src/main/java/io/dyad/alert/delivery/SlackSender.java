package io.dyad.alert.delivery;

import io.dyad.alert.egress.GuardedHttpClient;
import io.dyad.alert.egress.SsrfGuard;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a {@link SlackMessage} to a Slack incoming webhook, paced to one message per second per webhook, and reads
 * Slack's answer: 2xx sent; 400 ({@code invalid_payload}, {@code no_text}) is our bug, recorded and not retried;
 * 403/404/410 ({@code action_prohibited}, {@code channel_not_found}, {@code no_service}, {@code channel_is_archived})
 * mean the channel is gone, so it is disabled; 429 waits for Retry-After; 5xx and network errors follow the retry
 * schedule. Redirects are not followed; the SSRF guard (at connect time) and the https rule apply as for webhooks.
 */
public class SlackSender {

    private final GuardedHttpClient client;
    private final SsrfGuard guard;
    private final Duration timeout;
    private final Clock clock;
    private final ChannelPacer pacer;

    public SlackSender(SsrfGuard guard, Duration timeout, Clock clock, ChannelPacer pacer) {
        this(new GuardedHttpClient(guard, timeout), guard, timeout, clock, pacer);
    }

    SlackSender(GuardedHttpClient client, SsrfGuard guard, Duration timeout, Clock clock, ChannelPacer pacer) {
        this.client = client;
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
        this.pacer = pacer;
    }

    public DeliveryOutcome send(String url, byte[] messageJson) {
        HttpCalls.Target target = HttpCalls.target(guard, url, "Slack webhooks");
        if (target.refused() != null) {
            return target.refused();
        }
        try {
            pacer.await(url);
            GuardedHttpClient.Answer answer = client.post(target.uri(),
                    Map.of("User-Agent", WebhookSender.USER_AGENT), "application/json; charset=utf-8", messageJson);
            return classify(answer.status(), HttpCalls.snippet(answer.bodyStart()), answer.retryAfter());
        } catch (IOException e) {
            return HttpCalls.failure(e, timeout);
        } catch (InterruptedException e) {
            return HttpCalls.interrupted();
        }
    }

    DeliveryOutcome classify(int status, String body, String retryAfter) {
        String said = "Slack answered HTTP " + status + (body.isEmpty() ? "" : " " + body);
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Delivered(status);
        }
        if (status == 400) {
            return new DeliveryOutcome.Failed(said + " (the message was refused: a bug on our side, not retried)",
                    status, null, true);
        }
        if (status == 403 || status == 404 || status == 410) {
            return new DeliveryOutcome.ChannelGone(said + " (channel disabled)", status);
        }
        if (status == 429) {
            return new DeliveryOutcome.Failed(said, status,
                    retryAfter == null ? null : RetryAfter.parse(retryAfter, clock.instant()).orElse(null), false);
        }
        if (status >= 300 && status < 400) {
            return new DeliveryOutcome.Failed("HTTP " + status + ": redirects are not followed", status, null, false);
        }
        return new DeliveryOutcome.Failed(said, status, null, status < 500 && status != 408);
    }
}
