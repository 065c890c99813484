package io.dyad.ingest.feed;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a feed as found, before it becomes an article.
 *
 * @param link the item's link as written (may be relative or null)
 * @param content the full content (RSS content:encoded, Atom content), or null
 * @param description the RSS description or Atom summary, or null
 * @param publishedAt the published date, else the updated date, else null
 */
public record FeedItem(String link, String title, Markup content, Markup description, List<String> authors,
        Instant publishedAt) {
}
