package io.dyad.ingest.fetch;

import io.dyad.ingest.config.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;

/**
 * Polite, bounded HTTP GET with Apache HttpClient 5: our User-Agent, conditional headers, gzip, a connect timeout and
 * one deadline for the whole fetch (all redirect hops, headers and body), a cap on the body counted after
 * decompression, and redirects followed by hand so the guard sees every hop.
 *
 * <p>Why this client: its connection manager takes a {@link DnsResolver}, and ours is the guard's
 * {@link UrlGuard#addressesToConnect}, so the addresses the guard checked are the only ones a socket is opened to
 * (the JDK client resolves names itself and leaves a DNS-rebinding window between check and connect). TLS still
 * verifies the certificate against the host name. Blocking: call it from a worker thread.
 */
@Singleton
public class FeedFetcher {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final UrlGuard guard;
    private final Duration timeout;
    private final long maxBodyBytes;
    private final int maxRedirects;
    private final String userAgent;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final HostGate hosts;

    @Inject
    public FeedFetcher(UrlGuard guard, IngestConfig config, SharedHostTurns sharedTurns) {
        this(guard, config.fetch().connectTimeout(), config.fetch().timeout(), config.fetch().maxBodyBytes(),
                config.fetch().maxRedirects(), config.fetch().userAgent(), config.fetch().perHostDelay(),
                sharedTurns);
    }

    public FeedFetcher(UrlGuard guard, Duration connectTimeout, Duration timeout, long maxBodyBytes, int maxRedirects,
            String userAgent) {
        this(guard, connectTimeout, timeout, maxBodyBytes, maxRedirects, userAgent, Duration.ZERO);
    }

    public FeedFetcher(UrlGuard guard, Duration connectTimeout, Duration timeout, long maxBodyBytes, int maxRedirects,
            String userAgent, Duration perHostDelay) {
        this(guard, connectTimeout, timeout, maxBodyBytes, maxRedirects, userAgent, perHostDelay,
                HostTurns.LOCAL_ONLY);
    }

    /** @param sharedTurns the hosts' turns across replicas ({@link HostTurns#LOCAL_ONLY} for none) */
    public FeedFetcher(UrlGuard guard, Duration connectTimeout, Duration timeout, long maxBodyBytes, int maxRedirects,
            String userAgent, Duration perHostDelay, HostTurns sharedTurns) {
        this.hosts = new HostGate(perHostDelay, sharedTurns);
        this.guard = guard;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dyad-fetch-deadline");
            t.setDaemon(true);
            return t;
        });
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(timeout))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(2)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression() // we inflate ourselves, to count the inflated bytes
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build())
                .build();
    }

    /**
     * GETs {@code uri}, sending {@code etag} and {@code lastModified} (either may be null) as validators.
     *
     * @throws UrlRefusedException when the guard refuses the URL itself
     * @throws FetchException when no usable response arrives (a redirect target refused by the guard included)
     */
    public HttpFetchResult fetch(URI uri, String etag, String lastModified) {
        guard.check(uri);
        Instant deadline = Instant.now().plus(timeout);
        URI current = uri;
        URI permanent = uri;
        boolean onlyPermanentSoFar = true;
        for (int hop = 0; ; hop++) {
            Hop response = send(current, etag, lastModified, deadline);
            if (response.location() == null) {
                HttpFetchResult r = response.result();
                return new HttpFetchResult(r.status(), r.uri(), r.body(), r.contentType(), r.etag(),
                        r.lastModified(), r.retryAfter(), permanent, r.maxAge(), r.links());
            }
            if (hop >= maxRedirects) {
                throw new FetchException(FetchOutcome.REDIRECT_ERROR,
                        "more than " + maxRedirects + " redirects, the last one to " + response.location());
            }
            current = nextHop(current, response.location());
            // only a chain of permanent redirects from the start says the source itself has moved
            onlyPermanentSoFar = onlyPermanentSoFar && (response.status() == 301 || response.status() == 308);
            if (onlyPermanentSoFar) {
                permanent = current;
            }
        }
    }

    /**
     * POSTs a form (a WebSub subscription request) through the same guard, per-host gate and deadline as fetches.
     * Redirects are not followed; the answer's body is read up to the cap and returned with its status.
     *
     * @throws UrlRefusedException when the guard refuses the URL
     * @throws FetchException when no response arrives
     */
    public HttpFetchResult postForm(URI uri, Map<String, String> form) {
        guard.check(uri);
        Instant deadline = Instant.now().plus(timeout);
        try (HostGate.Pass pass = hosts.enter(uri, deadline)) {
            long remainingMs = Duration.between(Instant.now(), deadline).toMillis();
            if (remainingMs <= 0) {
                throw timedOut(uri);
            }
            HttpPost request = new HttpPost(uri);
            request.setHeader("User-Agent", userAgent);
            request.setEntity(new UrlEncodedFormEntity(form.entrySet().stream()
                    .map(e -> (NameValuePair) new BasicNameValuePair(e.getKey(), e.getValue())).toList(),
                    StandardCharsets.UTF_8));
            return exchange(uri, request, remainingMs, (response, body) -> new HttpFetchResult(response.getCode(),
                    uri, body.read(), header(response, "Content-Type"), null, null,
                    retryAfter(header(response, "Retry-After"), Instant.now())));
        }
    }

    /** One response: a redirect ({@code location} set, no body read) or a final result. */
    private record Hop(int status, HttpFetchResult result, String location) {
    }

    private URI nextHop(URI current, String location) {
        URI next;
        try {
            next = current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchOutcome.REDIRECT_ERROR, "redirect to an invalid URL: " + location);
        }
        try {
            guard.check(next);
        } catch (UrlRefusedException e) {
            throw new FetchException(FetchOutcome.REFUSED, "redirect to " + next + " refused: " + e.getMessage());
        }
        return next;
    }

    private Hop send(URI uri, String etag, String lastModified, Instant deadline) {
        try (HostGate.Pass pass = hosts.enter(uri, deadline)) {
            return sendNow(uri, etag, lastModified, deadline);
        }
    }

    private Hop sendNow(URI uri, String etag, String lastModified, Instant deadline) {
        long remainingMs = Duration.between(Instant.now(), deadline).toMillis();
        if (remainingMs <= 0) {
            throw timedOut(uri);
        }
        HttpGet request = new HttpGet(uri);
        request.setHeader("User-Agent", userAgent);
        request.setHeader("Accept", ACCEPT);
        request.setHeader("Accept-Encoding", "gzip");
        if (etag != null && !etag.isBlank()) {
            request.setHeader("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            request.setHeader("If-Modified-Since", lastModified);
        }
        return exchange(uri, request, remainingMs, (response, body) -> {
            int status = response.getCode();
            String location = header(response, "Location");
            if (REDIRECTS.contains(status) && location != null) {
                return new Hop(status, null, location); // body left unread: the connection is dropped
            }
            return new Hop(status, new HttpFetchResult(status, uri, body.read(), header(response, "Content-Type"),
                    header(response, "ETag"), header(response, "Last-Modified"),
                    retryAfter(header(response, "Retry-After"), Instant.now()), uri,
                    maxAge(header(response, "Cache-Control")), links(response)), null);
        });
    }

    /** Reads what it needs of a response; the body only through {@link Body#read()}. */
    @FunctionalInterface
    private interface ResponseReader<T> {
        T read(ClassicHttpResponse response, Body body) throws IOException;
    }

    /** The response body, read (decompressed and capped) when the reader wants it; remembers whether it was read. */
    private final class Body {
        private final ClassicHttpResponse response;
        private boolean done;

        private Body(ClassicHttpResponse response) {
            this.response = response;
        }

        byte[] read() throws IOException {
            byte[] bytes = readBody(response);
            done = true;
            return bytes;
        }
    }

    /**
     * Sends {@code request} and hands the response to {@code reader}, all within {@code remainingMs}. The socket
     * timeout only bounds each read; a watchdog cancel bounds the whole exchange (a byte every few seconds, an endless
     * chunked body): cancelling closes the socket, which unblocks a pending read.
     */
    private <T> T exchange(URI uri, HttpUriRequestBase request, long remainingMs, ResponseReader<T> reader) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = deadlines.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, remainingMs, TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        Body body = null;
        try {
            response = client.executeOpen(null, request, null);
            body = new Body(response);
            return reader.read(response, body);
        } catch (IOException e) {
            throw translate(uri, e, expired.get());
        } catch (RuntimeException e) {
            if (expired.get()) {
                throw timedOut(uri);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            release(response, body != null && body.done);
        }
    }

    /**
     * Gives the connection back after a body read to its end; otherwise drops it, because closing an unread body
     * would drain it (forever, for an endless one).
     */
    private static void release(ClassicHttpResponse response, boolean bodyDone) {
        if (response == null) {
            return;
        }
        try {
            if (!bodyDone) {
                abortBody(response);
            }
            response.close();
        } catch (IOException | RuntimeException e) {
            // the connection is gone either way; nothing the caller could act on
        }
    }

    private byte[] readBody(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        String encoding = header(response, "Content-Encoding");
        encoding = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        if (entity.getContentLength() > maxBodyBytes) {
            // a declared size over the cap is refused before a byte of it is downloaded
            throw new LimitedInputStream.BodyTooLargeException(maxBodyBytes, false);
        }
        InputStream raw = entity.getContent();
        if (raw == null) {
            return new byte[0];
        }
        InputStream in = new LimitedInputStream(raw, maxBodyBytes, false);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            in = new LimitedInputStream(new GZIPInputStream(in), maxBodyBytes, true);
        } else if (!encoding.isEmpty() && !encoding.equals("identity")) {
            throw new FetchException(FetchOutcome.NETWORK_ERROR, "unsupported Content-Encoding: " + encoding);
        }
        return in.readAllBytes();
    }

    private static void abortBody(ClassicHttpResponse response) {
        HttpEntity entity = response.getEntity();
        if (entity == null || !entity.isStreaming()) {
            return;
        }
        try {
            if (entity.getContent() instanceof EofSensorInputStream sensor) {
                sensor.abort();
            }
        } catch (IOException | RuntimeException e) {
            // already closed: nothing left to drop
        }
    }

    /** The relations of every {@code Link} header (WebSub discovery reads hub and self there first). */
    private static Map<String, String> links(ClassicHttpResponse response) {
        Header[] headers = response.getHeaders("Link");
        if (headers.length == 0) {
            return Map.of();
        }
        List<String> values = new ArrayList<>(headers.length);
        for (Header h : headers) {
            values.add(h.getValue());
        }
        return LinkHeader.relations(values);
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private FetchException timedOut(URI uri) {
        return new FetchException(FetchOutcome.TIMEOUT, "no complete response within " + timeout.toSeconds()
                + " s from " + uri);
    }

    private FetchException translate(URI uri, IOException cause, boolean expired) {
        if (cause instanceof LimitedInputStream.BodyTooLargeException) {
            return new FetchException(FetchOutcome.TOO_LARGE, cause.getMessage() + " (" + uri + ")");
        }
        if (expired) {
            return timedOut(uri);
        }
        if (cause instanceof RefusedAddressException) {
            return new FetchException(FetchOutcome.REFUSED, "connection to " + uri.getHost() + " refused: "
                    + cause.getMessage());
        }
        if (cause instanceof ConnectTimeoutException) {
            return new FetchException(FetchOutcome.TIMEOUT, "could not connect to " + uri.getHost() + " in time",
                    cause);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            return new FetchException(FetchOutcome.TIMEOUT, "no response within " + timeout.toSeconds() + " s from "
                    + uri, cause);
        }
        if (cause instanceof HttpHostConnectException || cause instanceof ConnectException) {
            return new FetchException(FetchOutcome.NETWORK_ERROR, "cannot connect to " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), cause);
        }
        if (cause instanceof UnknownHostException) {
            return new FetchException(FetchOutcome.NETWORK_ERROR, "the host " + uri.getHost()
                    + " cannot be resolved", cause);
        }
        if (cause instanceof ZipException || "Unexpected end of ZLIB input stream".equals(cause.getMessage())) {
            return new FetchException(FetchOutcome.NETWORK_ERROR, "the gzip body from " + uri + " is corrupt: "
                    + cause.getMessage(), cause);
        }
        String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                + cause.getMessage());
        return new FetchException(FetchOutcome.NETWORK_ERROR, "fetching " + uri + " failed: " + detail, cause);
    }

    /** Cache-Control max-age (s-maxage ignored: we are not a shared cache); null when absent, zero or unreadable. */
    static Duration maxAge(String cacheControl) {
        if (cacheControl == null) {
            return null;
        }
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.startsWith("max-age=")) {
                try {
                    long seconds = Long.parseLong(d.substring(8).replace("\"", "").trim());
                    return seconds > 0 ? Duration.ofSeconds(seconds) : null;
                } catch (NumberFormatException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Retry-After as seconds or an HTTP date; null when absent, unreadable or in the past. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : null;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The client's only way to turn a host name into addresses: the guard's checked resolution. */
    private record GuardedDnsResolver(UrlGuard guard) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return guard.addressesToConnect(bare);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // never asked for plain GETs; no reverse lookups
        }
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
