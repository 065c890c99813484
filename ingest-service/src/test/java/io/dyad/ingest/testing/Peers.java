package io.dyad.ingest.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** HTTP peers for the tests: WireMock on 127.0.0.1, a free port, bodies sent exactly as stubbed (no own gzip). */
public final class Peers {

    private Peers() {
    }

    public static WireMockServer wireMock() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
        server.start();
        return server;
    }

    public static String url(WireMockServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
