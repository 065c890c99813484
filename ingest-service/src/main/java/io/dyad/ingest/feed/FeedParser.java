package io.dyad.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSS (0.9x, 1.0 RDF, 2.0) and Atom (0.3, 1.0) with Rome, JSON Feed 1.0/1.1 with Jackson. DOCTYPEs are refused outright, so no DTD is loaded and no
 * entity (external or "billion laughs") is ever expanded.
 */
@Singleton
public class FeedParser {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern ATOM_ROOT_LANG =
            Pattern.compile("<(?:[\\w.-]+:)?feed\\b[^>]*?\\bxml:lang\\s*=\\s*[\"']([^\"']*)[\"']");

    /**
     * @param contentType the response's Content-Type (its charset is honoured), or null
     * @throws FeedParseException when the body is not a feed, with a sentence that says why
     */
    public ParsedFeed parse(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw new FeedParseException("the response body is empty, not a feed");
        }
        if (looksLikeHtml(body)) {
            throw new FeedParseException("the response is an HTML page, not an RSS or Atom feed");
        }
        if (JsonFeedParser.looksLikeJson(body)) {
            return JsonFeedParser.parse(body);
        }
        SyndFeedInput input = new SyndFeedInput(false, Locale.US);
        input.setAllowDoctypes(false);
        input.setPreserveWireFeed(true); // for the RSS <ttl>
        SyndFeed feed;
        try (Reader reader = contentType == null
                ? new XmlReader(new ByteArrayInputStream(body), true)
                : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            feed = input.build(reader);
        } catch (ParsingFeedException e) {
            throw new FeedParseException(describe(e), e);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseException("not an RSS or Atom feed: " + rootCauseMessage(e), e);
        } catch (IOException e) {
            throw new FeedParseException("the feed cannot be read: " + e.getMessage(), e);
        }
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            items.add(toItem(entry));
        }
        String language = feed.getLanguage();
        if (language == null && feed.getFeedType() != null && feed.getFeedType().startsWith("atom")) {
            language = atomRootLanguage(body);
        }
        Duration ttl = null;
        if (feed.originalWireFeed() instanceof com.rometools.rome.feed.rss.Channel channel && channel.getTtl() > 0) {
            ttl = Duration.ofMinutes(channel.getTtl());
        }
        String[] websub = websubLinks(feed);
        return new ParsedFeed(feed.getFeedType(), trimToNull(feed.getTitle()), trimToNull(feed.getLink()),
                language(language), List.copyOf(items), ttl, websub[0], websub[1]);
    }

    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

    /** {hub, self} from Atom links, or from {@code atom:link} elements inside an RSS channel; nulls when absent. */
    static String[] websubLinks(SyndFeed feed) {
        String hub = null;
        String self = null;
        for (com.rometools.rome.feed.synd.SyndLink l : feed.getLinks()) {
            if ("hub".equals(l.getRel()) && hub == null) {
                hub = trimToNull(l.getHref());
            } else if ("self".equals(l.getRel()) && self == null) {
                self = trimToNull(l.getHref());
            }
        }
        for (org.jdom2.Element e : feed.getForeignMarkup()) {
            if ("link".equals(e.getName()) && ATOM_NS.equals(e.getNamespaceURI())) {
                String rel = e.getAttributeValue("rel");
                if ("hub".equals(rel) && hub == null) {
                    hub = trimToNull(e.getAttributeValue("href"));
                } else if ("self".equals(rel) && self == null) {
                    self = trimToNull(e.getAttributeValue("href"));
                }
            }
        }
        return new String[] {hub, self};
    }

    private static FeedItem toItem(SyndEntry entry) {
        String link = trimToNull(entry.getLink());
        if (link == null && entry.getUri() != null && entry.getUri().matches("(?i)https?://.+")) {
            link = entry.getUri().trim(); // RSS guid isPermaLink / Atom id that is a URL
        }
        Markup content = null;
        for (SyndContent c : entry.getContents()) {
            if (c != null && c.getValue() != null && !c.getValue().isBlank()) {
                content = new Markup(c.getValue(), c.getType());
                break;
            }
        }
        SyndContent d = entry.getDescription();
        Markup description = d == null || d.getValue() == null || d.getValue().isBlank()
                ? null : new Markup(d.getValue(), d.getType());
        Set<String> authors = new LinkedHashSet<>();
        for (SyndPerson person : entry.getAuthors()) {
            if (person.getName() != null && !person.getName().isBlank()) {
                authors.add(person.getName().trim());
            }
        }
        if (authors.isEmpty() && entry.getAuthor() != null && !entry.getAuthor().isBlank()) {
            authors.add(entry.getAuthor().trim());
        }
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        Instant publishedAt = date == null ? null : date.toInstant();
        return new FeedItem(link, entry.getTitle(), content, description, List.copyOf(authors), publishedAt);
    }

    /**
     * Rome does not carry an Atom feed's {@code xml:lang} over; read it from the root tag. The document has already
     * been parsed as XML, so this only looks at the start tag of the root element.
     */
    static String atomRootLanguage(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = ATOM_ROOT_LANG.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** An HTML page where a feed was expected: the commonest mistake when adding a source. */
    static boolean looksLikeHtml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
                .replace("\u00ef\u00bb\u00bf", "").stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    /** "en-US" → "en"; null when absent or not a language code. */
    static String language(String tag) {
        if (tag == null) {
            return null;
        }
        String primary = tag.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return LANGUAGE.matcher(primary).matches() ? primary : null;
    }

    private static String describe(ParsingFeedException e) {
        String message = rootCauseMessage(e);
        String where = e.getLineNumber() > 0 ? " (line " + e.getLineNumber() + ")" : "";
        if (message.contains("DOCTYPE")) {
            return "the feed declares a DOCTYPE; DTDs and entity declarations are refused for security" + where;
        }
        return "the feed is not well-formed XML: " + message + where;
    }

    private static String rootCauseMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
