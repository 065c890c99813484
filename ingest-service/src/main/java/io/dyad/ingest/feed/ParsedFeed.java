package io.dyad.ingest.feed;

import java.time.Duration;
import java.util.List;

/**
 * A parsed RSS or Atom document.
 *
 * @param feedType Rome's name of the format, e.g. {@code rss_2.0}, {@code atom_1.0}
 * @param language the feed's language as an ISO 639 code ({@code en} for {@code en-US}), or null
 * @param ttl the RSS {@code <ttl>}: how long the feed may be cached before a refresh, or null
 */
public record ParsedFeed(String feedType, String title, String link, String language, List<FeedItem> items,
        Duration ttl) {

    public ParsedFeed(String feedType, String title, String link, String language, List<FeedItem> items) {
        this(feedType, title, link, language, items, null);
    }
}
