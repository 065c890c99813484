package io.dyad.ingest.fetch;

import io.dyad.ingest.config.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Polite, bounded HTTP GET of a feed with the JDK client: our User-Agent, conditional headers, gzip, connect and
 * response timeouts, a cap on the body, and redirects followed by hand so the guard sees every hop. Blocking: call it
 * from a worker thread.
 */
@Singleton
public class FeedFetcher {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            + "text/xml;q=0.9, */*;q=0.5";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final UrlGuard guard;
    private final Duration timeout;
    private final long maxBodyBytes;
    private final int maxRedirects;
    private final String userAgent;
    private final ExecutorService clientExecutor;
    private final HttpClient client;

    @Inject
    public FeedFetcher(UrlGuard guard, IngestConfig config) {
        this(guard, config.fetch().connectTimeout(), config.fetch().timeout(), config.fetch().maxBodyBytes(),
                config.fetch().maxRedirects(), config.fetch().userAgent());
    }

    public FeedFetcher(UrlGuard guard, Duration connectTimeout, Duration timeout, long maxBodyBytes, int maxRedirects,
            String userAgent) {
        this.guard = guard;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
        this.clientExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dyad-http-client");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientExecutor)
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
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = send(current, etag, lastModified);
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(status) || location == null) {
                return toResult(current, response);
            }
            if (hop >= maxRedirects) {
                throw new FetchException(FetchOutcome.REDIRECT_ERROR,
                        "more than " + maxRedirects + " redirects, the last one to " + location);
            }
            current = nextHop(current, location);
        }
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

    private HttpResponse<byte[]> send(URI uri, String etag, String lastModified) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip");
        if (etag != null && !etag.isBlank()) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            request.header("If-Modified-Since", lastModified);
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request.build(), info -> new CappedBodySubscriber(maxBodyBytes));
        try {
            // The client's own timeout stops at the headers; this deadline also covers a slow body.
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(FetchOutcome.TIMEOUT, "no complete response within " + timeout.toSeconds()
                    + " s from " + uri);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchOutcome.NETWORK_ERROR, "interrupted while fetching " + uri, e);
        } catch (ExecutionException e) {
            throw translate(uri, e.getCause());
        }
    }

    private FetchException translate(URI uri, Throwable cause) {
        if (cause instanceof CappedBodySubscriber.BodyTooLargeException) {
            return new FetchException(FetchOutcome.TOO_LARGE, cause.getMessage() + " (" + uri + ")");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchException(FetchOutcome.TIMEOUT, "could not connect to " + uri.getHost() + " in time",
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchException(FetchOutcome.TIMEOUT, "no response within " + timeout.toSeconds() + " s from "
                    + uri, cause);
        }
        if (cause instanceof ConnectException) {
            return new FetchException(FetchOutcome.NETWORK_ERROR, "cannot connect to " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), cause);
        }
        String detail = cause == null ? "unknown error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new FetchException(FetchOutcome.NETWORK_ERROR, "fetching " + uri + " failed: " + detail, cause);
    }

    private HttpFetchResult toResult(URI uri, HttpResponse<byte[]> response) {
        byte[] body = response.body() == null ? new byte[0] : response.body();
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        if ((encoding.equals("gzip") || encoding.equals("x-gzip")) && body.length > 0) {
            body = gunzip(uri, body);
        }
        return new HttpFetchResult(response.statusCode(), uri, body,
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null),
                retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    }

    private byte[] gunzip(URI uri, byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            // read one byte past the limit to tell "exactly at the limit" from "over it"
            byte[] inflated = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (inflated.length > maxBodyBytes) {
                throw new FetchException(FetchOutcome.TOO_LARGE, "the decompressed response body is larger than "
                        + "the limit of " + maxBodyBytes + " bytes (" + uri + ")");
            }
            return inflated;
        } catch (IOException e) {
            throw new FetchException(FetchOutcome.NETWORK_ERROR, "the gzip body from " + uri + " is corrupt: "
                    + e.getMessage(), e);
        }
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

    @PreDestroy
    void close() {
        clientExecutor.shutdownNow();
    }
}
