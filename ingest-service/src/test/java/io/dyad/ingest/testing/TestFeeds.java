package io.dyad.ingest.testing;

import java.util.List;

/** RSS documents written for the tests. */
public final class TestFeeds {

    /** One item: {@code html} goes to content:encoded when not null. */
    public record Item(String title, String link, String description, String html) {
    }

    private TestFeeds() {
    }

    public static String rss(String channelTitle, List<Item> items) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
                xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <channel>
                    <title>%s</title>
                    <link>https://wire.example/</link>
                    <description>Synthetic feed for ingest-service tests.</description>
                    <language>en</language>
                """.formatted(channelTitle));
        for (Item item : items) {
            xml.append("    <item>\n")
                    .append("      <title>").append(item.title()).append("</title>\n")
                    .append("      <link>").append(item.link()).append("</link>\n")
                    .append("      <dc:creator>Test Desk</dc:creator>\n")
                    .append("      <pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate>\n")
                    .append("      <description><![CDATA[").append(item.description()).append("]]></description>\n");
            if (item.html() != null) {
                xml.append("      <content:encoded><![CDATA[").append(item.html()).append("]]></content:encoded>\n");
            }
            xml.append("    </item>\n");
        }
        return xml.append("  </channel>\n</rss>\n").toString();
    }
}
