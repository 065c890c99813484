package io.dyad.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;

/** One WireMock server for the JVM standing in for subscribers' webhook endpoints; each test uses its own path. */
public final class WebhookReceiver {

    private static WireMockServer server;

    private WebhookReceiver() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            WireMockServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "wiremock-stop"));
        }
        return server;
    }

    /** A fresh path that answers 204 to every POST. */
    public static String newHook() {
        String path = "/hooks/" + UUID.randomUUID();
        server().stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        return path;
    }

    public static String url(String path) {
        return "http://127.0.0.1:" + server().port() + path;
    }

    public static List<LoggedRequest> calls(String path) {
        return server().findAll(postRequestedFor(urlPathEqualTo(path)));
    }
}
