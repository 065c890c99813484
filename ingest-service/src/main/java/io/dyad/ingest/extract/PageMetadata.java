package io.dyad.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Title, authors, date, language, canonical URL and a possible article body of a page, from schema.org JSON-LD
 * first, then OpenGraph and other meta tags, then the document itself.
 */
final class PageMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "reportagenewsarticle",
            "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
            "blogposting", "liveblogposting", "socialmediaposting", "report", "techarticle", "scholarlyarticle",
            "webpage");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    String title;
    String articleBody;
    final List<String> authors = new ArrayList<>();
    Instant publishedAt;
    String language;
    String canonicalUrl;

    static PageMetadata of(Document doc) {
        PageMetadata m = new PageMetadata();
        m.readJsonLd(doc);
        m.readMeta(doc);
        return m;
    }

    private void readJsonLd(Document doc) {
        JsonNode best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Element script : doc.select("script[type=application/ld+json]")) {
            JsonNode root;
            try {
                root = JSON.readTree(script.data());
            } catch (Exception unreadable) {
                continue; // a broken block is common and must not cost the page
            }
            List<JsonNode> objects = new ArrayList<>();
            collect(root, objects, 0);
            for (JsonNode node : objects) {
                int rank = articleRank(node);
                if (rank < bestRank) {
                    bestRank = rank;
                    best = node;
                }
            }
        }
        if (best == null) {
            return;
        }
        title = text(best.get("headline"));
        if (title == null) {
            title = text(best.get("name"));
        }
        articleBody = text(best.get("articleBody"));
        if (articleBody == null) {
            articleBody = text(best.get("text"));
        }
        addAuthors(best.get("author"));
        publishedAt = date(text(best.get("datePublished")));
        if (publishedAt == null) {
            publishedAt = date(text(best.get("dateCreated")));
        }
        language = language(text(best.get("inLanguage")));
        JsonNode main = best.get("mainEntityOfPage");
        String url = text(best.get("url"));
        if (url == null && main != null) {
            url = main.isObject() ? text(main.get("@id")) : text(main);
        }
        canonicalUrl = absoluteHttp(url, doc.location());
    }

    /** Lower is better: news articles before other articles before web pages; others are not ranked. */
    private static int articleRank(JsonNode node) {
        JsonNode type = node.get("@type");
        int rank = Integer.MAX_VALUE;
        List<JsonNode> types = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(types::add);
        } else if (type != null) {
            types.add(type);
        }
        for (JsonNode t : types) {
            String name = t.asText("").toLowerCase(Locale.ROOT);
            if (!ARTICLE_TYPES.contains(name)) {
                continue;
            }
            int r = name.equals("webpage") ? 3 : name.endsWith("newsarticle") ? 0 : 1;
            if (node.hasNonNull("articleBody")) {
                r -= 10;
            }
            rank = Math.min(rank, r);
        }
        return rank;
    }

    private static void collect(JsonNode node, List<JsonNode> out, int depth) {
        if (node == null || depth > 6) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, out, depth + 1));
        } else if (node.isObject()) {
            out.add(node);
            collect(node.get("@graph"), out, depth + 1);
            collect(node.get("mainEntity"), out, depth + 1);
        }
    }

    private void addAuthors(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(this::addAuthors);
        } else if (node.isObject()) {
            addAuthor(text(node.get("name")));
        } else {
            addAuthor(text(node));
        }
    }

    private void addAuthor(String name) {
        if (name == null || name.isBlank() || name.startsWith("http") || name.length() > 120) {
            return;
        }
        String clean = name.replaceFirst("(?i)^by\\s+", "").trim();
        if (!clean.isEmpty() && !authors.contains(clean)) {
            authors.add(clean);
        }
    }

    private void readMeta(Document doc) {
        if (title == null) {
            title = firstNonBlank(meta(doc, "og:title"), meta(doc, "twitter:title"), doc.title());
        }
        if (authors.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            for (Element e : doc.select("meta[name=author], meta[property=article:author], meta[name=byl], "
                    + "meta[name=sailthru.author], meta[name=parsely-author], meta[name=dc.creator]")) {
                names.add(e.attr("content"));
            }
            if (names.isEmpty()) {
                for (Element e : doc.select("[rel=author], [itemprop=author] [itemprop=name], .byline a, .author a")) {
                    names.add(e.text());
                }
            }
            names.forEach(this::addAuthor);
        }
        if (publishedAt == null) {
            publishedAt = date(firstNonBlank(meta(doc, "article:published_time"), meta(doc, "og:published_time"),
                    meta(doc, "datePublished"), meta(doc, "pubdate"), meta(doc, "publishdate"),
                    meta(doc, "date"), meta(doc, "dc.date.issued"), meta(doc, "dc.date"),
                    meta(doc, "sailthru.date"), meta(doc, "parsely-pub-date"),
                    attr(doc, "[itemprop=datePublished]", "content"), attr(doc, "time[datetime]", "datetime")));
        }
        if (language == null) {
            language = language(firstNonBlank(doc.select("html").attr("lang"),
                    attr(doc, "meta[http-equiv=content-language]", "content"), meta(doc, "og:locale")));
        }
        if (canonicalUrl == null) {
            canonicalUrl = absoluteHttp(firstNonBlank(attr(doc, "link[rel=canonical]", "href"), meta(doc, "og:url")),
                    doc.location());
        }
        if (title != null) {
            title = title.replaceAll("[\\s\\u00a0]+", " ").trim();
        }
    }

    private static String meta(Document doc, String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (Element e : doc.head().select("meta[property], meta[name], meta[itemprop]")) {
            String k = firstNonBlank(e.attr("property"), e.attr("name"), e.attr("itemprop"));
            if (k != null && k.toLowerCase(Locale.ROOT).equals(lower) && !e.attr("content").isBlank()) {
                return e.attr("content").trim();
            }
        }
        return null;
    }

    private static String attr(Document doc, String css, String attribute) {
        Element e = doc.selectFirst(css);
        return e == null || e.attr(attribute).isBlank() ? null : e.attr(attribute).trim();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.size() == 0 ? null : text(node.get(0));
        }
        if (node.isObject()) {
            return null;
        }
        String s = node.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** ISO-8601 instants, offsets or plain dates (taken as UTC midnight); null when unreadable. */
    static Instant date(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            // fall through
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            // fall through
        }
        try {
            // "+0000" offsets without a colon
            return OffsetDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]Z"))
                    .toInstant();
        } catch (DateTimeParseException notCompact) {
            // fall through
        }
        try {
            return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** ISO 639 code of "en-US", "en_GB", "es"; null for anything else. */
    static String language(String value) {
        if (value == null) {
            return null;
        }
        String code = value.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return LANGUAGE.matcher(code).matches() ? code : null;
    }

    private static String absoluteHttp(String url, String base) {
        if (url == null) {
            return null;
        }
        try {
            URI resolved = base == null || base.isBlank() ? URI.create(url.trim()) : URI.create(base).resolve(url.trim());
            String scheme = resolved.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
