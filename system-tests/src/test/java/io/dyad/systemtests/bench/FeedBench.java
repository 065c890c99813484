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
import io.dyad.testsupport.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Feed side: {@code feeds} RSS feeds spread over {@code feeds.hosts} loopback addresses (127.1.x.y, each its own
 * host to ingest-service's per-host gate), a few imported through OPML and the rest inserted in bulk, each with a
 * one-minute poll interval, then polled by ingest-service's scheduler. Each feed answers a conditional GET as a real site would: 304 when the
 * client's ETag is current, otherwise 200 with its two newest items; after each poll a feed gains a new item with
 * probability {@code feeds.changeShare}. The servers check politeness themselves: time between the end of one
 * request and the start of the next to the same host, and requests in flight per host.
 */
final class FeedBench implements AutoCloseable {

    record Result(int feeds, int hosts, int viaOpml, double opmlSourcesPerSecond, double bulkRowsPerSecond, long polls, long notModified, long ok,
            double firstRoundSeconds, double firstRoundPollsPerSecond, double steadyPollsPerSecond,
            double steadyShare304, double minHostGapMs, long hostGapsUnder950ms, int maxInFlightPerHost,
            long newItemsServed, double seconds, long[] okPerSecond, long[] notModifiedPerSecond) {

        String markdown() {
            return String.format(Locale.ROOT, "%d feeds on %d loopback hosts, poll interval 1 min, watched for %.0f s "
                    + "after loading. %d were imported through `POST /sources/import` (OPML) at %.0f sources/s; the "
                    + "rest were inserted into ingest-service's `sources` table directly (%.0f rows/s), due at once, and "
                    + "the scheduler claimed them like any other.%n%n" + """
                    | measure | value |
                    |---|---|
                    | polls (200 / 304) | %d (%d / %d) |
                    | first round: every feed fetched once | %.1f s, **%.0f polls/s** |
                    | after the first round | %.0f polls/s, **%.1f %% answered 304** |
                    | per host: shortest gap between requests | %.0f ms (%d gaps under 950 ms) |
                    | per host: most requests in flight | %d |
                    | new items served (published by ingest) | %d |
                    """, feeds, hosts, seconds, viaOpml, opmlSourcesPerSecond, bulkRowsPerSecond, polls, ok, notModified, firstRoundSeconds,
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
    private final long created = System.nanoTime();
    private final AtomicLongArray okPerSecond = new AtomicLongArray(3600);
    private final AtomicLongArray notModifiedPerSecond = new AtomicLongArray(3600);
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
            int second = (int) Math.min(3599, (start - created) / 1_000_000_000L);
            (current ? notModifiedPerSecond : okPerSecond).incrementAndGet(second);
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

    Result run(String ingestBaseUrl, String adminKey, String ingestJdbcUrl) throws Exception {
        int viaOpml = Math.min(config.feedsViaOpml(), config.feeds());
        StringBuilder opml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><opml version=\"2.0\" "
                + "xmlns:dyad=\"https://github.com/dyad-news/dyad/opml\"><head><title>bench</title></head><body>");
        for (int f = 0; f < viaOpml; f++) {
            opml.append("<outline type=\"rss\" text=\"Feed ").append(f).append("\" xmlUrl=\"").append(feedUrl(f))
                    .append("\" dyad:pollInterval=\"PT1M\"/>");
        }
        opml.append("</body></opml>");
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(ingestBaseUrl + "/sources/import"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "text/x-opml")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(opml.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        double opmlRate = viaOpml / ((System.nanoTime() - t0) / 1e9);
        if (imported.statusCode() / 100 != 2) {
            throw new IllegalStateException("OPML import answered " + imported.statusCode() + ": "
                    + imported.body().substring(0, Math.min(500, imported.body().length())));
        }
        // the rest in bulk, as an operator migrating a large list would (the API creates ~15-60 sources/s here)
        long start = System.nanoTime();
        int before;
        synchronized (this) {
            before = fetchedCount;
        }
        double bulkRate = bulkInsert(ingestJdbcUrl, viaOpml);
        Thread.sleep(config.feedSeconds() * 1000L);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double firstRound = firstRoundDoneNanos > 0 ? (firstRoundDoneNanos - start) / 1e9 : Double.NaN;
        double steadySeconds = firstRoundDoneNanos > 0 ? (end - firstRoundDoneNanos) / 1e9 : 0;
        long p = polls.get();
        long nm = notModified.get();
        return new Result(config.feeds(), config.feedHosts(), viaOpml, opmlRate, bulkRate, p, nm, p - nm, firstRound,
                firstRoundDoneNanos > 0 ? (config.feeds() - before) / firstRound : Double.NaN,
                steadySeconds > 0 ? steadyPolls / steadySeconds : Double.NaN,
                steadyPolls > 0 ? (double) steady304 / steadyPolls : Double.NaN,
                minGapNanos == Long.MAX_VALUE ? Double.NaN : minGapNanos / 1e6, gapsTooShort.get(), maxInFlight,
                newItems.get(), seconds, perSecond(okPerSecond, end), perSecond(notModifiedPerSecond, end));
    }

    private long[] perSecond(AtomicLongArray counts, long end) {
        int n = (int) Math.min(3600, (end - created) / 1_000_000_000L);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /** Feed f lives on host f mod hosts: consecutive sources (claimed together) sit on different hosts. */
    private String feedUrl(int f) {
        return hostUrls.get(f % config.feedHosts()) + "/feeds/" + f + ".xml";
    }

    private double bulkInsert(String jdbcUrl, int from) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", LocalPostgres.USER,
                LocalPostgres.PASSWORD)) {
            // ingest-service with adaptive polling has bounds per source: pin them to the one-minute interval
            boolean bounds = hasColumn(c, "sources", "min_poll_seconds");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sources (name, url, type, "
                    + "poll_interval_seconds, status, next_fetch_at, created_at, updated_at"
                    + (bounds ? ", min_poll_seconds, max_poll_seconds" : "") + ") "
                    + "VALUES (?, ?, 'rss', 60, 'ACTIVE', now(), now(), now()" + (bounds ? ", 60, 60" : "") + ")")) {
                c.setAutoCommit(false);
                for (int f = from; f < config.feeds(); f++) {
                    insert.setString(1, "Feed " + f);
                    insert.setString(2, feedUrl(f));
                    insert.addBatch();
                    if ((f - from) % 1000 == 999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
        }
        return (config.feeds() - from) / ((System.nanoTime() - t0) / 1e9);
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (var rs = c.getMetaData().getColumns(null, null, table, column)) {
            return rs.next();
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        pool.shutdownNow();
    }
}
