package io.dyad.systemtests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscribers' side: a local HTTP server that answers every alert with 204 and records what came, when. It
 * counts repeats by {@code webhook-id} (what a Standard Webhooks receiver would drop) only to report them.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert as received: which subscription, which article, when (System.nanoTime). */
    record Receipt(String webhookId, String subscriptionId, String articleId, long receivedNanos) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Receipt> receipts = new ArrayList<>();
    private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong repeatedIds = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private volatile ReceiptListener listener = r -> { };

    interface ReceiptListener {
        void received(Receipt receipt);
    }

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        pool = Executors.newFixedThreadPool(16);
        server.setExecutor(pool);
        server.createContext("/hooks/", this::handle);
        server.start();
    }

    String url(int n) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + n;
    }

    void onReceipt(ReceiptListener listener) {
        this.listener = listener;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            Receipt receipt = new Receipt(exchange.getRequestHeaders().getFirst("webhook-id"),
                    body.at("/subscription/id").asText(), body.at("/article/articleId").asText(), now);
            if (!webhookIds.add(String.valueOf(receipt.webhookId()))) {
                repeatedIds.incrementAndGet();
            }
            synchronized (receipts) {
                receipts.add(receipt);
            }
            count.incrementAndGet();
            listener.received(receipt);
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    long count() {
        return count.get();
    }

    long repeatedWebhookIds() {
        return repeatedIds.get();
    }

    List<Receipt> receipts() {
        synchronized (receipts) {
            return List.copyOf(receipts);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
