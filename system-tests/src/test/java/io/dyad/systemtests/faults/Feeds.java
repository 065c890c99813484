package io.dyad.systemtests.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dyad.contracts.RawArticle;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** RSS feeds served by WireMock, each carrying {@code itemsPerFeed} US–Mexico stories of {@link Articles}. */
final class Feeds implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<String> urls = new ArrayList<>();
    private final List<String> itemUrls = new ArrayList<>();

    Feeds(String run, int feeds, int itemsPerFeed) {
        server.start();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        for (int f = 0; f < feeds; f++) {
            StringBuilder rss = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>Fault wire %d</title><link>https://wire.example/</link>
                    <description>synthetic</description>
                    """.formatted(f));
            for (int i = 0; i < itemsPerFeed; i++) {
                RawArticle article = Articles.usMexico(run + "-feed", f * itemsPerFeed + i);
                itemUrls.add(article.url());
                rss.append("<item><title>").append(article.title()).append("</title><link>").append(article.url())
                        .append("</link><guid>").append(article.url()).append("</guid><pubDate>").append(date)
                        .append("</pubDate><description>").append(article.text()).append("</description></item>\n");
            }
            rss.append("</channel></rss>\n");
            String path = "/feeds/" + f + ".xml";
            server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/rss+xml; charset=utf-8").withBody(rss.toString())));
            urls.add(server.baseUrl() + path);
        }
    }

    List<String> urls() {
        return urls;
    }

    /** The item links of every feed (the articles' URLs). */
    List<String> itemUrls() {
        return itemUrls;
    }

    @Override
    public void close() {
        server.stop();
    }
}
