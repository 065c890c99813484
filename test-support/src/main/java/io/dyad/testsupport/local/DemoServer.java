package io.dyad.testsupport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;

/**
 * The local demo's two HTTP peers on one port: {@code GET /feed.xml}, an RSS feed of two articles written for the demo
 * (one about US–Mexico trade and migration, one unrelated),
 * and {@code POST /webhook}, a webhook receiver that prints each alert it gets. {@code DemoServer <port>}.
 */
public final class DemoServer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Each demo run serves a new edition: new URLs and text, so a second run has new stories to alert on. */
    private static final Instant STARTED = Instant.now();

    private DemoServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/feed.xml", DemoServer::serveFeed);
        server.createContext("/webhook", DemoServer::receiveAlert);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("Demo feed on http://127.0.0.1:" + port + "/feed.xml, webhook sink on http://127.0.0.1:"
                + port + "/webhook");
    }

    private static void serveFeed(HttpExchange exchange) throws IOException {
        String template;
        try (InputStream in = DemoServer.class.getResourceAsStream("/demo/feed.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] body = template
                .replace("{{EDITION}}", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                        .format(STARTED))
                .replace("{{PUBDATE}}", DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(STARTED))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void receiveAlert(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        String json = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(describe(json));
        System.out.flush();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static String describe(String json) {
        try {
            JsonNode alert = MAPPER.readTree(json);
            JsonNode article = alert.path("article");
            StringBuilder out = new StringBuilder("\n=== ALERT received " + Instant.now() + " ===\n");
            out.append("subscription: ").append(alert.path("subscription").path("name").asText()).append('\n');
            out.append("title:        ").append(article.path("title").asText()).append('\n');
            out.append("url:          ").append(article.path("url").asText()).append('\n');
            out.append("matched:      pairs ").append(alert.path("matched").path("pairs"))
                    .append(" issues ").append(alert.path("matched").path("issues")).append('\n');
            for (JsonNode evidence : alert.path("evidence")) {
                out.append("evidence:     \"").append(evidence.path("text").asText()).append("\"\n");
            }
            return out.toString();
        } catch (IOException e) {
            return "\n=== ALERT (not JSON) ===\n" + json;
        }
    }
}
