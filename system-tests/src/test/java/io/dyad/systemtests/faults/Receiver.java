package io.dyad.systemtests.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dyad.testsupport.FreePorts;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscribers' side: a WireMock server that receives every alert (generic webhooks and Slack incoming webhooks,
 * one path per subscription), answers as the current {@link Behaviour} says (fail first attempts, 429 with
 * Retry-After, 503, …) and records each call with the answer it got. It can also go down (connection refused) and
 * come back on the same port.
 */
final class Receiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the receiver answers; {@code attempt} counts the calls with this call's key (1 for the first). */
    interface Behaviour {
        Answer answer(String path, String key, int attempt);
    }

    /** An HTTP answer: a status and, when not null, a {@code Retry-After} value. */
    record Answer(int status, String retryAfter) {
        static final Answer OK = new Answer(204, null);

        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * One call as received. {@code key} is the {@code webhook-id} header, or for Slack (which carries no id) the
     * message's fallback text; {@code subscriptionId} and {@code storyId} come from a webhook's body (null for Slack).
     */
    record Call(String path, String key, String subscriptionId, String storyId, int attempt, int status, Instant at) {
        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    static final Behaviour ALWAYS_OK = (path, key, attempt) -> Answer.OK;

    /** Answers {@code refusal} to every call during {@code millis} from the first call, then 204. */
    static Behaviour refusingFor(long millis, Answer refusal) {
        java.util.concurrent.atomic.AtomicLong first = new java.util.concurrent.atomic.AtomicLong();
        return (path, key, attempt) -> {
            long now = System.currentTimeMillis();
            first.compareAndSet(0, now);
            return now - first.get() < millis ? refusal : Answer.OK;
        };
    }

    private final int port = FreePorts.next();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Recorder recorder = new Recorder();
    private volatile Behaviour behaviour = ALWAYS_OK;
    private WireMockServer server;

    Receiver start() {
        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1").extensions(recorder)
                .containerThreads(40).disableRequestJournal());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    /** Stops listening: senders get "connection refused" until {@link #comeBack()}. */
    void goDown() {
        server.stop();
    }

    void comeBack() {
        start();
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        if (server != null && server.isRunning()) {
            server.stop();
        }
    }

    /** Decides each answer and records the call; applied to every request. */
    private final class Recorder implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String path = request.getUrl();
            JsonNode body = parse(request.getBodyAsString());
            String webhookId = request.getHeader("webhook-id");
            String key = webhookId != null ? webhookId : path + "#" + body.path("text").asText("");
            int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Answer answer = behaviour.answer(path, key, attempt);
            calls.add(new Call(path, key, textOrNull(body.at("/subscription/id")), textOrNull(body.at("/article/storyId")),
                    attempt, answer.status(), Instant.now()));
            ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(answer.status());
            if (answer.retryAfter() != null) {
                response = response.withHeader("Retry-After", answer.retryAfter());
            }
            if (answer.status() == 429 || answer.status() >= 500) {
                response = response.withBody(answer.status() == 429 ? "rate_limited" : "unavailable");
            }
            return response.build();
        }

        @Override
        public String getName() {
            return "dyad-fault-receiver";
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
