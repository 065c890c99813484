package io.dyad.alert.egress;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way alert-service calls out over HTTP (webhooks, Slack, notices, test sends): Apache HttpClient 5 whose
 * DNS step is the SSRF guard ({@link SsrfGuard#addressesToConnect}), so a socket is opened only to an address the guard
 * has just checked — no DNS-rebinding window between check and connect. TLS still runs against the URL's host name
 * (SNI, certificate and host-name verification), connections are pooled and kept alive, redirects are not followed,
 * nothing is retried by the client (the outbox has its own schedule), and one deadline covers connecting, sending
 * and the answer: a watchdog aborts the exchange when it passes, so a receiver dripping bytes cannot hold a sender.
 * At most {@link #MAX_BODY_START} bytes of an answer are read; a longer answer is cut off with its connection.
 *
 * <p>Why this client: the JDK {@code HttpClient} resolves names itself and cannot be handed checked addresses;
 * Vert.x's {@code RequestOptions.setServer} could pin one, but the senders are blocking code on worker threads and
 * would gain an event-loop hop per call; HttpClient 5's {@link DnsResolver} hook is exactly the seam needed, keeps the
 * blocking style, and ingest-service already uses it the same way.
 */
public final class GuardedHttpClient implements Closeable {

    public static final int MAX_BODY_START = 512;

    /** One daemon thread for every client's deadlines: it only flips a flag and aborts an exchange. */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final CloseableHttpClient client;
    private final Duration timeout;

    /** What a call answered: the status, the start of the body (≤ {@link #MAX_BODY_START} bytes), Retry-After. */
    public record Answer(int status, String bodyStart, String retryAfter) {
    }

    /** The exchange's deadline passed (connecting, sending or waiting for the answer). */
    public static final class DeadlineExceededException extends IOException {
        public DeadlineExceededException(Duration timeout) {
            super("no answer within " + timeout.toSeconds() + " s");
        }
    }

    public GuardedHttpClient(SsrfGuard guard, Duration timeout) {
        this(guard, timeout, defaultTls());
    }

    /** @param tls the trust (and keys) TLS connections use; tests pass one that trusts their own certificate */
    GuardedHttpClient(SsrfGuard guard, Duration timeout, SSLContext tls) {
        this.timeout = timeout;
        Timeout deadline = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls, HostnameVerificationPolicy.BOTH,
                                new DefaultHostnameVerifier()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(deadline)
                                .setSocketTimeout(deadline)
                                // a pooled connection idle this long is checked before reuse (the peer may have
                                // closed it), and none is kept longer than the TTL
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        // the delivery worker sends 8 at a time, mostly to a few hosts (Slack's for every Slack channel)
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(50)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(deadline)
                        .setResponseTimeout(deadline)
                        .build())
                .build();
    }

    /**
     * POSTs {@code body} to {@code uri} (already checked for syntax and scheme by the caller; its addresses are
     * checked here, at connect time).
     *
     * @throws RefusedAddressException when the host resolves to an address the guard refuses
     * @throws DeadlineExceededException when no whole answer came within the deadline
     * @throws IOException any other network failure (unknown host, refused connection, TLS failure, …)
     */
    public Answer post(URI uri, Map<String, String> headers, String contentType, byte[] body) throws IOException {
        HttpPost request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            late.set(true);
            request.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            try {
                Header retryAfter = response.getFirstHeader("Retry-After");
                Answer answer = new Answer(response.getCode(), bodyStart(response.getEntity(), request),
                        retryAfter == null ? null : retryAfter.getValue());
                if (request.isCancelled()) {
                    abort(request, response); // a long answer was cut off: its connection cannot be reused
                } else {
                    response.close(); // the whole answer was read: the connection goes back to the pool
                }
                return answer;
            } catch (IOException | RuntimeException e) {
                abort(request, response);
                throw e;
            }
        } catch (IOException e) {
            if (late.get()) {
                throw new DeadlineExceededException(timeout);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * The first bytes of the answer. When the body ends within them its connection goes back to the pool; a longer
     * body is not drained (it could be endless): the exchange is aborted, which closes that one connection.
     */
    private static String bodyStart(HttpEntity entity, HttpPost request) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        byte[] start = in.readNBytes(MAX_BODY_START);
        if (start.length == MAX_BODY_START && in.read() != -1) {
            request.cancel(); // closing the stream now would read the rest
        }
        return new String(start, StandardCharsets.UTF_8);
    }

    /** Drops the connection without reading what is left of the answer. */
    private static void abort(HttpPost request, ClassicHttpResponse response) {
        request.cancel();
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is closed already: nothing more to release
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault(); // the JVM's trust store, as the JDK client used
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dyad-egress-deadline");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // most deadlines are cancelled: do not keep them queued
        return executor;
    }

    /** The guard as the client's only way from a host name to addresses. */
    private record GuardedDnsResolver(SsrfGuard guard) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.addressesToConnect(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // only used for Kerberos/SPNEGO, which we never do; no reverse lookups
        }
    }
}
