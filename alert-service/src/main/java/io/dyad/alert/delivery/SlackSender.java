package io.dyad.alert.delivery;

import io.dyad.alert.egress.SsrfGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts a {@link SlackMessage} to a Slack incoming webhook, paced to one message per second per webhook, and reads
 * Slack's answer: 2xx sent; 400 ({@code invalid_payload}, {@code no_text}) is our bug, recorded and not retried;
 * 403/404/410 ({@code action_prohibited}, {@code channel_not_found}, {@code no_service}, {@code channel_is_archived})
 * mean the channel is gone, so it is disabled; 429 waits for Retry-After; 5xx and network errors follow the retry
 * schedule. Redirects are not followed; the SSRF guard and the https rule apply as for webhooks.
 */
public class SlackSender {

    private final HttpClient client;
    private final SsrfGuard guard;
    private final Duration timeout;
    private final Clock clock;
    private final ChannelPacer pacer;

    public SlackSender(SsrfGuard guard, Duration timeout, Clock clock, ChannelPacer pacer) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
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
        HttpRequest request = HttpRequest.newBuilder(target.uri())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", WebhookSender.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(messageJson))
                .build();
        try {
            pacer.await(url);
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return classify(response.statusCode(), HttpCalls.readSnippet(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
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
