package io.dyad.ingest.crawl;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import io.dyad.ingest.feed.FeedParseException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Reads one sitemap document with crawler-commons' {@link SiteMapParser} (DOCTYPEs refused, its default): a sitemap
 * index lists child sitemaps, a urlset lists pages; Google News entries bring {@code news:publication_date} and
 * {@code news:title}. No I/O: the caller fetches, through the guard, and decides which children to follow.
 */
public final class SitemapReader {

    /** A child sitemap of an index, with its lastmod (null when absent). */
    public record Child(URI url, Instant lastModified) {
    }

    /**
     * A page listed in a urlset.
     *
     * @param published Google News publication date, else lastmod, else null
     * @param title Google News title, or null
     */
    public record Entry(URI url, Instant published, String title, String language) {
    }

    /** What one document held: children (an index) or entries (a urlset). */
    public record Sitemap(List<Child> children, List<Entry> entries) {
    }

    private SitemapReader() {
    }

    /** @throws FeedParseException when the document is no sitemap crawler-commons can read */
    public static Sitemap read(byte[] body, String contentType, URI url) {
        SiteMapParser parser = new SiteMapParser(false); // URLs may live outside the sitemap's directory
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap parsed;
        try {
            parsed = parser.parseSiteMap(contentType == null ? "application/xml" : contentType, body, toUrl(url));
        } catch (UnknownFormatException | IOException e) {
            throw new FeedParseException("not a readable sitemap: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new FeedParseException("not a readable sitemap: " + e);
        }
        List<Child> children = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        if (parsed instanceof SiteMapIndex index) {
            for (AbstractSiteMap child : index.getSitemaps()) {
                toUri(child.getUrl()).ifPresent(u -> children.add(new Child(u, instant(child.getLastModified()))));
            }
        } else if (parsed instanceof SiteMap map) {
            // SiteMapURL.isValid() is about the sitemaps.org same-directory rule, which news sites do not keep;
            // every URL still passes the SSRF guard and robots.txt before it is fetched
            for (SiteMapURL u : map.getSiteMapUrls()) {
                NewsAttributes news = news(u);
                Instant published = news != null && news.getPublicationDate() != null
                        ? news.getPublicationDate().toInstant() : instant(u.getLastModified());
                toUri(u.getUrl()).ifPresent(uri -> entries.add(new Entry(uri, published,
                        news == null ? null : news.getTitle(), news == null ? null : news.getLanguage())));
            }
        }
        return new Sitemap(children, entries);
    }

    private static NewsAttributes news(SiteMapURL u) {
        ExtensionMetadata[] meta = u.getAttributesForExtension(Extension.NEWS);
        return meta != null && meta.length > 0 && meta[0] instanceof NewsAttributes n ? n : null;
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    private static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new FeedParseException("the sitemap URL " + uri + " is not usable: " + e.getMessage());
        }
    }

    private static java.util.Optional<URI> toUri(URL url) {
        try {
            return java.util.Optional.of(url.toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
