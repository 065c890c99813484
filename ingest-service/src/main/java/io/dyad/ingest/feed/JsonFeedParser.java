package io.dyad.ingest.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JSON Feed 1.1 (and 1.0: {@code author} instead of {@code authors}); https://jsonfeed.org/version/1.1. A bad date
 * or a malformed item costs only that field or item, never the feed.
 */
final class JsonFeedParser {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonFeedParser() {
    }

    /** True when the body starts like a JSON object (after a BOM and whitespace). */
    static boolean looksLikeJson(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3 : 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return i < body.length && body[i] == '{';
    }

    static ParsedFeed parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FeedParseException("the JSON feed is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FeedParseException("the JSON feed cannot be read: " + e.getMessage(), e);
        }
        String version = text(root, "version");
        if (version == null || !version.startsWith("https://jsonfeed.org/version/")) {
            throw new FeedParseException("a JSON document without a JSON Feed version (https://jsonfeed.org/version/1.1)"
                    + " is not a feed");
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            throw new FeedParseException("the JSON feed has no items array");
        }
        List<String> feedAuthors = authors(root);
        List<FeedItem> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isObject()) {
                out.add(item(item, feedAuthors));
            }
        }
        String feedType = "json_" + version.substring("https://jsonfeed.org/version/".length()).replace("/", "");
        return new ParsedFeed(feedType, text(root, "title"), text(root, "home_page_url"),
                FeedParser.language(text(root, "language")), List.copyOf(out));
    }

    private static FeedItem item(JsonNode item, List<String> feedAuthors) {
        String link = text(item, "url");
        if (link == null) {
            String id = text(item, "id");
            link = id != null && id.matches("(?i)https?://.+") ? id : text(item, "external_url");
        }
        Markup content = null;
        if (text(item, "content_html") != null) {
            content = new Markup(text(item, "content_html"), "html");
        } else if (text(item, "content_text") != null) {
            content = new Markup(text(item, "content_text"), "text");
        }
        Markup summary = text(item, "summary") == null ? null : new Markup(text(item, "summary"), "text");
        List<String> authors = authors(item);
        Instant published = date(text(item, "date_published"));
        if (published == null) {
            published = date(text(item, "date_modified"));
        }
        return new FeedItem(link, text(item, "title"), content, summary, authors.isEmpty() ? feedAuthors : authors,
                published);
    }

    private static List<String> authors(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode list = node.get("authors");
        if (list != null && list.isArray()) {
            list.forEach(a -> addName(a, names));
        }
        addName(node.get("author"), names); // JSON Feed 1.0
        return List.copyOf(names);
    }

    private static void addName(JsonNode author, Set<String> names) {
        if (author != null && author.isObject()) {
            String name = text(author, "name");
            if (name != null) {
                names.add(name);
            }
        }
    }

    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException bad) {
            return null; // a bad date costs the date, not the item
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
