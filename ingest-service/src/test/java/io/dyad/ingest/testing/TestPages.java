package io.dyad.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Synthetic article pages written for the tests, under src/test/resources/pages. */
public final class TestPages {

    private TestPages() {
    }

    public static String page(String name) throws IOException {
        try (InputStream in = TestPages.class.getResourceAsStream("/pages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An article page around {@code text} (blank lines between paragraphs), with site navigation and a footer. */
    public static String article(String title, String text, String publishedIso) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(title).append(" | Test Gazette</title><meta property=\"og:title\" content=\"").append(title)
                .append("\">");
        if (publishedIso != null) {
            html.append("<meta property=\"article:published_time\" content=\"").append(publishedIso).append("\">");
        }
        html.append("</head><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> "
                + "<a href=\"/sport\">Sport</a></nav></header><main><article><h1>").append(title).append("</h1>");
        for (String p : text.split("\n\n")) {
            html.append("<p>").append(p).append("</p>");
        }
        return html.append("</article></main><footer><p>Copyright Test Gazette. All rights reserved.</p>"
                + "<a href=\"/about\">About us</a></footer></body></html>").toString();
    }
}
