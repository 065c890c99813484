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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    /** "+0000" offsets without a colon. */
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]Z");

    String title;
    String articleBody;
    final List<String> authors = new ArrayList<>();
    Instant publishedAt;
    String language;
    String canonicalUrl;
    /** Head meta contents by key, read on first use. */
    private Map<String, String> metas;

    static PageMetadata of(Document doc) {
        PageMetadata m = new PageMetadata();
        Scan scan = new Scan();
        scan.walk(doc);
        m.readJsonLd(doc, scan);
        m.readMeta(doc, scan);
        return m;
    }

    /**
     * The elements metadata is read from, found in one walk over the page instead of one CSS selection each. Each
     * test is what the selector it replaces matches: tag names, attribute values trimmed and compared ignoring case.
     */
    private static final class Scan {
        /** {@code script[type=application/ld+json]} */
        final List<Element> jsonLd = new ArrayList<>();
        /** {@code meta[name=author], meta[property=article:author], meta[name=byl], …}, in page order */
        final List<Element> authorMetas = new ArrayList<>();
        /** the first {@code [itemprop=datePublished]}, {@code time[datetime]}, {@code meta[http-equiv=content-language]}, {@code link[rel=canonical]} */
        Element datePublished;
        Element time;
        Element contentLanguage;
        Element canonical;
        /** {@code lang} of the first {@code html} element that has one ("" if none) */
        String htmlLang = "";

        /**
         * {@code [rel=author], [itemprop=author] [itemprop=name], .byline a, .author a}, in page order (each once):
         * where author names are looked for when no meta tag names one.
         */
        final List<Element> authorElements = new ArrayList<>();

        // which of the author selectors' ancestor parts hold for an element's proper ancestors
        private static final int UNDER_ITEMPROP_AUTHOR = 1;
        private static final int UNDER_BYLINE_OR_AUTHOR_CLASS = 2;

        void walk(Element e) {
            walk(e, 0);
        }

        private void walk(Element e, int above) {
            int own = e.attributesSize() == 0 ? 0 : visit(e, above);
            for (int ci = 0, cn = e.childNodeSize(); ci < cn; ci++) { // childNodes() would copy the list
                org.jsoup.nodes.Node child = e.childNode(ci);
                if (child instanceof Element c) {
                    walk(c, above | own);
                }
            }
        }

        /** Records what {@code e} is; returns the ancestor bits it passes on to its descendants. */
        private int visit(Element e, int above) {
            String tag = e.normalName();
            if (is(e, "rel", "author") || ((above & UNDER_ITEMPROP_AUTHOR) != 0 && is(e, "itemprop", "name"))
                    || (tag.equals("a") && (above & UNDER_BYLINE_OR_AUTHOR_CLASS) != 0)) {
                authorElements.add(e);
            }
            int own = is(e, "itemprop", "author") ? UNDER_ITEMPROP_AUTHOR : 0;
            if (e.hasClass("byline") || e.hasClass("author")) {
                own |= UNDER_BYLINE_OR_AUTHOR_CLASS;
            }
            switch (tag) {
                case "script" -> {
                    if (is(e, "type", "application/ld+json")) {
                        jsonLd.add(e);
                    }
                }
                case "meta" -> {
                    if (AUTHOR_META_NAMES.stream().anyMatch(name -> is(e, "name", name))
                            || is(e, "property", "article:author")) {
                        authorMetas.add(e);
                    }
                    if (contentLanguage == null && is(e, "http-equiv", "content-language")) {
                        contentLanguage = e;
                    }
                }
                case "time" -> {
                    if (time == null && e.hasAttr("datetime")) {
                        time = e;
                    }
                }
                case "link" -> {
                    if (canonical == null && is(e, "rel", "canonical")) {
                        canonical = e;
                    }
                }
                case "html" -> {
                    if (htmlLang.isEmpty() && e.hasAttr("lang")) {
                        htmlLang = e.attr("lang");
                    }
                }
                default -> {
                }
            }
            if (datePublished == null && is(e, "itemprop", "datePublished")) {
                datePublished = e;
            }
            return own;
        }

        private static boolean is(Element e, String key, String value) {
            return e.hasAttr(key) && value.equalsIgnoreCase(e.attr(key).trim());
        }
    }

    private static final List<String> AUTHOR_META_NAMES = List.of("author", "byl", "sailthru.author",
            "parsely-author", "dc.creator");

    private void readJsonLd(Document doc, Scan scan) {
        JsonNode best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Element script : scan.jsonLd) {
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

    private void readMeta(Document doc, Scan scan) {
        if (title == null) {
            title = firstNonBlank(meta(doc, "og:title"), meta(doc, "twitter:title"), doc.title());
        }
        if (authors.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            for (Element e : scan.authorMetas) {
                names.add(e.attr("content"));
            }
            if (names.isEmpty()) {
                for (Element e : scan.authorElements) {
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
                    attr(scan.datePublished, "content"), attr(scan.time, "datetime")));
        }
        if (language == null) {
            language = language(firstNonBlank(scan.htmlLang, attr(scan.contentLanguage, "content"),
                    meta(doc, "og:locale")));
        }
        if (canonicalUrl == null) {
            canonicalUrl = absoluteHttp(firstNonBlank(attr(scan.canonical, "href"), meta(doc, "og:url")),
                    doc.location());
        }
        if (title != null) {
            title = SPACES.matcher(title).replaceAll(" ").trim();
        }
    }

    /** The first non-blank content of a head meta tag whose property, name or itemprop is {@code key} (any case). */
    private String meta(Document doc, String key) {
        if (metas == null) {
            metas = metaContents(doc);
        }
        return metas.get(key.toLowerCase(Locale.ROOT));
    }

    /**
     * Every head meta tag's content by its key (property, else name, else itemprop; lower case), the first non-blank
     * one per key: read once per page instead of one head search per key asked for.
     */
    private static Map<String, String> metaContents(Document doc) {
        Map<String, String> contents = new HashMap<>();
        for (Element e : doc.head().getElementsByTag("meta")) {
            String k = firstNonBlank(e.attr("property"), e.attr("name"), e.attr("itemprop"));
            String content = e.attr("content");
            if (k != null && !content.isBlank()) {
                contents.putIfAbsent(k.toLowerCase(Locale.ROOT), content.trim());
            }
        }
        return contents;
    }

    private static String attr(Element e, String attribute) {
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
        // each parse is tried only when the text fits its format (a failed parse throws, and throwing is slow);
        // a text that does not fit would fail the parse the same way
        try {
            if (fits(DateTimeFormatter.ISO_OFFSET_DATE_TIME, v)) {
                return OffsetDateTime.parse(v).toInstant();
            }
        } catch (DateTimeParseException notOffset) {
            // fall through
        }
        try {
            if (fits(DateTimeFormatter.ISO_INSTANT, v)) {
                return Instant.parse(v);
            }
        } catch (DateTimeParseException notInstant) {
            // fall through
        }
        try {
            // "+0000" offsets without a colon
            if (fits(COMPACT_OFFSET, v)) {
                return OffsetDateTime.parse(v, COMPACT_OFFSET).toInstant();
            }
        } catch (DateTimeParseException notCompact) {
            // fall through
        }
        try {
            String day = v.length() >= 10 ? v.substring(0, 10) : v;
            return fits(DateTimeFormatter.ISO_LOCAL_DATE, day)
                    ? LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** Whether the whole text reads in {@code format}'s fields (what its parse checks before resolving them). */
    private static boolean fits(DateTimeFormatter format, String text) {
        java.text.ParsePosition position = new java.text.ParsePosition(0);
        return format.parseUnresolved(text, position) != null && position.getErrorIndex() < 0
                && position.getIndex() == text.length();
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
