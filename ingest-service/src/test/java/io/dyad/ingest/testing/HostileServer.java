package io.dyad.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving HTTP/1.1 server on a raw socket, for what WireMock cannot do: a chunked body that never ends, or a
 * body dripped one byte at a time without end. It writes until the client hangs up.
 */
public final class HostileServer implements AutoCloseable {

    public enum Mode {
        /** 200, chunked, 8 KB chunks of feed-looking XML as fast as the client reads, forever. */
        ENDLESS_CHUNKED,
        /**
         * 200, Content-Length 16 KB (under every body cap, so only a deadline stops it), one byte every
         * {@code dripMillis} ms.
         */
        DRIP
    }

    private final ServerSocket socket;
    private final Mode mode;
    private final long dripMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();

    public HostileServer(Mode mode, long dripMillis) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.mode = mode;
        this.dripMillis = dripMillis;
        threads.execute(this::acceptLoop);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            readRequestHead(in);
            requests.incrementAndGet();
            if (mode == Mode.ENDLESS_CHUNKED) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = "<item><title>again</title></item>".repeat(250).getBytes(StandardCharsets.US_ASCII);
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (!Thread.currentThread().isInterrupted()) {
                    out.write(head);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } else {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 16384\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (!Thread.currentThread().isInterrupted()) {
                    out.write('<');
                    out.flush();
                    Thread.sleep(dripMillis);
                }
            }
        } catch (IOException | InterruptedException clientGone) {
            // the client hung up: exactly what the test wants
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while ((b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
