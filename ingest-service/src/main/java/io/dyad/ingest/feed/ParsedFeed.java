package io.dyad.ingest.feed;

import java.time.Duration;
import java.util.List;

/**
 * A parsed RSS or Atom document.
 *
 * @param feedType Rome's name of the format, e.g. {@code rss_2.0}, {@code atom_1.0}
 * @param language the feed's language as an ISO 639 code ({@code en} for {@code en-US}), or null
 * @param ttl the RSS {@code <ttl>}: how long the feed may be cached before a refresh, or null
 * @param hub the WebSub hub the feed advertises ({@code atom:link rel="hub"}), or null
 * @param self the feed's own URL as it names it ({@code atom:link rel="self"}), the WebSub topic; or null
 */
public record ParsedFeed(String feedType, String title, String link, String language, List<FeedItem> items,
        Duration ttl, String hub, String self) {

    public ParsedFeed(String feedType, String title, String link, String language, List<FeedItem> items,
            Duration ttl) {
        this(feedType, title, link, language, items, ttl, null, null);
    }

    public ParsedFeed(String feedType, String title, String link, String language, List<FeedItem> items) {
        this(feedType, title, link, language, items, null);
    }
}
