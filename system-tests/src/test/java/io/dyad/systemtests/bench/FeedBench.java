package io.dyad.systemtests.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feed side: {@code feeds} RSS feeds spread over {@code feeds.hosts} loopback addresses (127.1.x.y, each its own
 * host to ingest-service's per-host gate), imported as sources through OPML with a one-minute poll interval, then
 * polled by ingest-service's scheduler. Each feed answers a conditional GET as a real site would: 304 when the
 * client's ETag is current, otherwise 200 with its two newest items; after each poll a feed gains a new item with
 * probability {@code feeds.changeShare}. The servers check politeness themselves: time between the end of one
 * request and the start of the next to the same host, and requests in flight per host.
 */
final class FeedBench implements AutoCloseable {

    record Result(int feeds, int hosts, double importSeconds, long polls, long notModified, long ok,
            double firstRoundSeconds, double firstRoundPollsPerSecond, double steadyPollsPerSecond,
            double steadyShare304, double minHostGapMs, long hostGapsUnder950ms, int maxInFlightPerHost,
            long newItemsServed, double seconds) {

        String markdown() {
            return String.format(Locale.ROOT, """
                    %d feeds on %d loopback hosts, imported by OPML in %.1f s, poll interval 1 min, watched for %.0f s.

                    | measure | value |
                    |---|---|
                    | polls (200 / 304) | %d (%d / %d) |
                    | first round: every feed fetched once | %.1f s, **%.0f polls/s** |
                    | after the first round | %.0f polls/s, **%.1f %% answered 304** |
                    | per host: shortest gap between requests | %.0f ms (%d gaps under 950 ms) |
                    | per host: most requests in flight | %d |
                    | new items served (published by ingest) | %d |
                    """, feeds, hosts, importSeconds, seconds, polls, ok, notModified, firstRoundSeconds,
                    firstRoundPollsPerSecond, steadyPollsPerSecond, 100 * steadyShare304, minHostGapMs,
                    hostGapsUnder950ms, maxInFlightPerHost, newItemsServed);
        }
    }

    private final BenchConfig config;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> hostUrls = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(32);
    private final int[] version;
    private final boolean[] fetched;
    private final long[] lastEnd;
    private final AtomicIntegerArray inFlight;
    private final Random random;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong newItems = new AtomicLong();
    private final AtomicLong gapsTooShort = new AtomicLong();
    private volatile long minGapNanos = Long.MAX_VALUE;
    private volatile int maxInFlight;
    private volatile long firstRoundDoneNanos;
    private volatile long steadyPolls;
    private volatile long steady304;
    private int fetchedCount;

    FeedBench(BenchConfig config, Path logs) throws IOException {
        this.config = config;
        this.version = new int[config.feeds()];
        this.fetched = new boolean[config.feeds()];
        this.lastEnd = new long[config.feedHosts()];
        this.inFlight = new AtomicIntegerArray(config.feedHosts());
        this.random = new Random(config.seed() + 3);
        for (int h = 0; h < config.feedHosts(); h++) {
            String address = "127.1." + (h / 200) + "." + (h % 200 + 1);
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
            int host = h;
            server.createContext("/feeds/", exchange -> handle(host, exchange));
            server.setExecutor(pool);
            server.start();
            servers.add(server);
            hostUrls.add("http://" + address + ":" + server.getAddress().getPort());
        }
    }

    private void handle(int host, HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int concurrent = inFlight.incrementAndGet(host);
        synchronized (this) {
            maxInFlight = Math.max(maxInFlight, concurrent);
            if (lastEnd[host] > 0) {
                long gap = start - lastEnd[host];
                minGapNanos = Math.min(minGapNanos, gap);
                if (gap < 950_000_000L) {
                    gapsTooShort.incrementAndGet();
                }
            }
        }
        try {
            String path = exchange.getRequestURI().getPath();
            int feed = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1, path.indexOf(".xml")));
            boolean steady;
            int v;
            synchronized (this) {
                steady = firstRoundDoneNanos > 0;
                if (!fetched[feed]) {
                    fetched[feed] = true;
                    if (++fetchedCount == config.feeds()) {
                        firstRoundDoneNanos = System.nanoTime();
                    }
                }
                v = version[feed];
            }
            String etag = "\"f" + feed + "-v" + v + "\"";
            polls.incrementAndGet();
            boolean current = etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
            if (steady) {
                steadyPolls++;
            }
            if (current) {
                notModified.incrementAndGet();
                if (steady) {
                    steady304++;
                }
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] body = rss(host, feed, v).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            synchronized (this) {
                if (random.nextDouble() < config.feedChangeShare()) {
                    version[feed]++; // the site publishes a new story; the next poll sees it
                    newItems.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
            inFlight.decrementAndGet(host);
            synchronized (this) {
                lastEnd[host] = System.nanoTime();
            }
        }
    }

    private String rss(int host, int feed, int v) {
        StringBuilder items = new StringBuilder();
        for (int i = v; i >= Math.max(0, v - 1); i--) {
            String link = hostUrls.get(host) + "/news/" + feed + "/" + i;
            items.append("<item><title>Local council ").append(feed).append(" report number ").append(i)
                    .append("</title><link>").append(link).append("</link><guid>").append(link)
                    .append("</guid><description>Minutes of meeting ").append(i).append(" of council ").append(feed)
                    .append(": roads, schools and the budget were discussed.</description></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Feed " + feed
                + "</title><link>" + hostUrls.get(host) + "/</link><description>bench feed</description>"
                + "<language>en</language>" + items + "</channel></rss>";
    }

    Result run(String ingestBaseUrl, String adminKey) throws Exception {
        StringBuilder opml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><opml version=\"2.0\" "
                + "xmlns:dyad=\"https://github.com/dyad-news/dyad/opml\"><head><title>bench</title></head><body>");
        for (int f = 0; f < config.feeds(); f++) {
            // round-robin over hosts, so that consecutive sources (claimed together) sit on different hosts
            opml.append("<outline type=\"rss\" text=\"Feed ").append(f).append("\" xmlUrl=\"")
                    .append(hostUrls.get(f % config.feedHosts())).append("/feeds/").append(f)
                    .append(".xml\" dyad:pollInterval=\"PT1M\"/>");
        }
        opml.append("</body></opml>");
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(ingestBaseUrl + "/sources/import"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "text/x-opml")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(opml.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        if (imported.statusCode() != 200 && imported.statusCode() != 201) {
            throw new IllegalStateException("OPML import answered " + imported.statusCode() + ": "
                    + imported.body().substring(0, Math.min(500, imported.body().length())));
        }
        long start = System.nanoTime();
        Thread.sleep(config.feedSeconds() * 1000L);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        // sources are polled as soon as the import creates them, so the first round is timed from the import's start
        double firstRound = firstRoundDoneNanos > 0 ? (firstRoundDoneNanos - t0) / 1e9 : Double.NaN;
        double steadySeconds = firstRoundDoneNanos > 0 ? (end - firstRoundDoneNanos) / 1e9 : 0;
        long p = polls.get();
        long nm = notModified.get();
        return new Result(config.feeds(), config.feedHosts(), importSeconds, p, nm, p - nm, firstRound,
                firstRoundDoneNanos > 0 ? config.feeds() / firstRound : Double.NaN,
                steadySeconds > 0 ? steadyPolls / steadySeconds : Double.NaN,
                steadyPolls > 0 ? (double) steady304 / steadyPolls : Double.NaN,
                minGapNanos == Long.MAX_VALUE ? Double.NaN : minGapNanos / 1e6, gapsTooShort.get(), maxInFlight,
                newItems.get(), seconds);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        pool.shutdownNow();
    }
}
