package io.dyad.ingest.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Boilerplate removal on jsoup: drops what is never article text (navigation, forms, scripts, elements named like
 * comments, share bars or ads), scores each container by the paragraphs directly inside it (length and commas, less
 * what is link text), takes the best container with its siblings that look like continuation, and returns its
 * paragraphs. General rules only: nothing here knows any site.
 */
final class MainText {

    private static final Set<String> NEVER_TEXT = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "button", "input", "select", "textarea", "nav", "aside", "footer",
            "figcaption", "figure", "picture", "video", "audio", "map", "dialog", "menu", "label");
    private static final Pattern UNLIKELY = Pattern.compile("(?i)(^|[-_ ])(ad|ads|advert\\w*|banner|breadcrumbs?"
            + "|combx|comments?|community|cookie|consent|disqus|extra|foot\\w*|gdpr|header|legends|menu|masthead"
            + "|related|recommend\\w*|remark|replies|rss|share|sharing|social|shoutbox|sidebar|skyscraper|sponsor\\w*"
            + "|supplemental|pagination|pager|popup|modal|newsletter|subscribe|subscription|signup|promo\\w*|outbrain"
            + "|taboola|tags?|toolbar|widget|byline|author-bio|more-stories|read-more|trending|most-popular"
            + "|inline-cta|hidden|visually-hidden|sr-only|caption|credit|timestamp|dateline|print)($|[-_ ])");
    private static final Pattern LIKELY = Pattern.compile("(?i)(^|[-_ ])(article|body|content|entry|main|page"
            + "|post|story|text|blog)($|[-_ ])");
    private static final Set<String> KEEP_ANYWAY = Set.of("html", "body", "article", "main");
    private static final Set<String> INLINE = Set.of("a", "span", "em", "strong", "b", "i", "u", "small", "abbr",
            "cite", "q", "sup", "sub", "time", "font", "mark");
    private static final Set<String> PARAGRAPHS = Set.of("p", "pre", "blockquote", "td", "li", "h2", "h3", "h4");
    private static final Set<String> BLOCK = Set.of("p", "div", "section", "article", "main", "header", "blockquote",
            "pre", "ul", "ol", "li", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "figure", "aside",
            "nav", "footer", "form", "address", "center");
    /** Whole blocks that are page furniture in any language-neutral layout: ad labels, comment and share prompts. */
    static final Pattern FURNITURE = Pattern.compile("(?i)(advert(isement)?|ad|sponsored( content)?"
            + "|comments?|\\d+ comments?|share( this( article| story)?)?|print|e-?mail|related( \\w+)?|read more"
            + "|loading\\W*|tell us what you think\\W*|this (slideshow|video|content) requires javascript\\W*"
            + "|related roundup:.*|skip (to )?(main )?content|back to top)");

    /** A full stop followed by a space or the end (compiled once: it is asked of many paragraphs per page). */
    private static final Pattern SENTENCE_INSIDE = Pattern.compile(".*\\.( |$).*");

    /**
     * Per element: characters of text (whitespace not counted), of link text, of its longest {@code <p>}, and 1 when
     * it is or holds a {@code <blockquote>}.
     */
    private final Map<Element, int[]> sizes = new IdentityHashMap<>();
    private final Map<Element, Double> scores = new IdentityHashMap<>();

    private MainText() {
    }

    /**
     * What the rules found: the text (paragraphs separated by blank lines, "" if none), the best-scored container
     * ({@code top}, null if none) and the containers whose paragraphs were taken (top and its continuing siblings).
     */
    record Result(String text, Element top, List<Element> chosen) {
    }

    /** The article text of {@code doc} (which is changed), paragraphs separated by blank lines; "" if none. */
    static String of(Document doc) {
        return run(doc).text();
    }

    /** As {@link #of}, with the containers chosen. {@code doc} is changed (boilerplate elements are removed). */
    static Result run(Document doc) {
        Element body = doc.body();
        return body == null ? new Result("", null, List.of()) : new MainText().extract(body);
    }

    private Result extract(Element body) {
        clean(body);
        sizes.clear();
        measure(body, false);
        Element top = bestCandidate(body);
        if (top == null) {
            return new Result("", null, List.of());
        }
        List<String> paragraphs = new ArrayList<>();
        List<Element> chosen = new ArrayList<>();
        Element parent = top.parent();
        if (parent == null) {
            collectParagraphs(top, paragraphs);
            chosen.add(top);
        } else {
            double topScore = scoreOf(top);
            for (Element sibling : parent.children()) {
                if (sibling == top || isContinuation(sibling, topScore)) {
                    collectParagraphs(sibling, paragraphs);
                    chosen.add(sibling);
                }
            }
        }
        return new Result(String.join("\n\n", paragraphs), top, chosen);
    }

    private void clean(Element body) {
        List<Element> never = new ArrayList<>();
        collectNeverText(body, never);
        for (Element e : never) {
            e.remove();
        }
        measure(body, false);
        int bodyLength = size(body)[0];
        List<Element> unlikely = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e == body || KEEP_ANYWAY.contains(e.normalName())) {
                continue;
            }
            String cls = e.className();
            String id = e.id();
            if ((cls.isBlank() && id.isBlank()) || !unlikely(cls, id) || likely(cls, id) || inRunningText(e)) {
                continue;
            }
            int[] size = size(e);
            // a wrapper named "sidebar-layout" or "ad-pusher" around the whole page is not boilerplate
            boolean holdsTheProse = size[0] >= 0.3 * bodyLength && size[2] >= 120;
            // an embedded post (tweet, Instagram quote) sits in a "social-embed" box but is part of the story
            boolean embedsAQuote = size[3] != 0; // a blockquote at or under it
            if (!holdsTheProse && !embedsAQuote) {
                unlikely.add(e);
            }
        }
        for (Element e : unlikely) {
            if (e.parent() != null) {
                e.remove();
            }
        }
        // a lone h1 is the title, never body text
        body.select("h1").remove();
    }

    /**
     * The elements under (and including) {@code root} that are never article text: {@link #NEVER_TEXT} tags, hidden
     * elements, landmarks other than the main one, author boxes. Outermost ones only (their insides go with them);
     * one walk instead of a CSS selection per group.
     */
    private static void collectNeverText(Element root, List<Element> out) {
        if (NEVER_TEXT.contains(root.normalName()) || hiddenOrLandmark(root)) {
            out.add(root);
            return;
        }
        for (int ci = 0, cn = root.childNodeSize(); ci < cn; ci++) { // childNodes() would copy the list
            Node child = root.childNode(ci);
            if (child instanceof Element e) {
                collectNeverText(e, out);
            }
        }
    }

    private static final Set<String> LANDMARK_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
            "dialog", "alert");

    /** {@code [hidden], [aria-hidden=true], [role=navigation|banner|…], [itemprop=author], [rel=author]}. */
    private static boolean hiddenOrLandmark(Element e) {
        if (e.attributesSize() == 0) {
            return false;
        }
        return e.hasAttr("hidden") || attrIs(e, "aria-hidden", "true") || attrIs(e, "itemprop", "author")
                || attrIs(e, "rel", "author")
                || (e.hasAttr("role") && landmarkRole(e.attr("role").trim()));
    }

    private static boolean landmarkRole(String role) {
        for (String landmark : LANDMARK_ROLES) {
            if (landmark.equalsIgnoreCase(role)) {
                return true;
            }
        }
        return false;
    }

    /** As a CSS {@code [key=value]} selector matches: the value trimmed, case ignored. */
    private static boolean attrIs(Element e, String key, String value) {
        return e.hasAttr(key) && value.equalsIgnoreCase(e.attr(key).trim());
    }

    /*
     * Whether "class id" matches a pattern. Both patterns are words between separators, and the space joining class
     * and id is a separator, so they are matched apart: class strings repeat a lot within a page, so each distinct
     * one is matched once; ids are mostly unique (and mostly absent).
     */
    private final Map<String, Boolean> unlikelyClasses = new HashMap<>();
    private final Map<String, Boolean> likelyClasses = new HashMap<>();

    private boolean unlikely(String cls, String id) {
        return unlikelyClasses.computeIfAbsent(cls, n -> UNLIKELY.matcher(n).find())
                || (!id.isEmpty() && UNLIKELY.matcher(id).find());
    }

    private boolean likely(String cls, String id) {
        return likelyClasses.computeIfAbsent(cls, n -> LIKELY.matcher(n).find())
                || (!id.isEmpty() && LIKELY.matcher(id).find());
    }

    /**
     * An inline element amid a sentence (a name linked to a "tag" page, a span styled as a "byline-link"): its
     * class speaks of what it links to, not of boilerplate, and removing it would cut words out of the text.
     */
    private static boolean inRunningText(Element e) {
        if (!INLINE.contains(e.normalName()) || e.parent() == null) {
            return false;
        }
        Element parent = e.parent();
        for (int ci = 0, cn = parent.childNodeSize(); ci < cn; ci++) {
            Node sibling = parent.childNode(ci);
            if (sibling instanceof TextNode t && !t.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Fills {@link #sizes} for {@code e} and everything under it, in one pass. */
    private int[] measure(Element e, boolean inLink) {
        boolean link = inLink || e.normalName().equals("a");
        int text = 0;
        int linkText = 0;
        int longestP = 0;
        int quote = e.normalName().equals("blockquote") ? 1 : 0;
        for (int ci = 0, cn = e.childNodeSize(); ci < cn; ci++) {
            Node child = e.childNode(ci);
            if (child instanceof TextNode t) {
                int n = visibleChars(t.getWholeText());
                text += n;
                if (link) {
                    linkText += n;
                }
            } else if (child instanceof Element c) {
                int[] s = measure(c, link);
                text += s[0];
                linkText += s[1];
                longestP = Math.max(longestP, s[2]);
                quote |= s[3];
            }
        }
        if (e.normalName().equals("p")) {
            longestP = Math.max(longestP, text);
        }
        int[] size = {text, linkText, longestP, quote};
        sizes.put(e, size);
        return size;
    }

    private int[] size(Element e) {
        int[] s = sizes.get(e);
        return s != null ? s : measure(e, false);
    }

    /** Characters other than whitespace and no-break spaces: the size measure of blocks and containers. */
    static int visibleChars(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00a0') {
                n++;
            }
        }
        return n;
    }

    private double linkDensity(Element e) {
        int[] s = size(e);
        return s[0] == 0 ? 0 : Math.min(1.0, (double) s[1] / s[0]);
    }

    private double scoreOf(Element e) {
        Double s = scores.get(e);
        return s == null ? 0 : s;
    }

    private Element bestCandidate(Element body) {
        for (Element e : body.getAllElements()) {
            String tag = e.normalName();
            boolean paragraphLike = PARAGRAPHS.contains(tag) || (tag.equals("div") && !hasBlockChild(e));
            if (!paragraphLike || size(e)[0] < 20) {
                continue;
            }
            String text = normalise(e.text());
            if (text.length() < 25) {
                continue;
            }
            double score = 1 + commas(text) + Math.min(text.length() / 100.0, 3);
            Element ancestor = e.parent();
            for (int level = 0; ancestor != null && level < 3; level++, ancestor = ancestor.parent()) {
                if (!scores.containsKey(ancestor)) {
                    scores.put(ancestor, initialScore(ancestor));
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.put(ancestor, scores.get(ancestor) + score / divider);
            }
        }
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            double s = entry.getValue() * (1 - linkDensity(entry.getKey()));
            entry.setValue(s);
            if (s > bestScore) {
                bestScore = s;
                best = entry.getKey();
            }
        }
        return best;
    }

    private double initialScore(Element e) {
        double score = switch (e.normalName()) {
            case "article" -> 10;
            case "div", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        String cls = e.className();
        String id = e.id();
        if (likely(cls, id)) {
            score += 25;
        }
        if (unlikely(cls, id)) {
            score -= 25;
        }
        return score;
    }

    private boolean isContinuation(Element sibling, double topScore) {
        double threshold = Math.max(10, topScore * 0.2);
        if (scoreOf(sibling) >= threshold) {
            return true;
        }
        if (sibling.normalName().equals("p")) {
            String text = normalise(sibling.text());
            double density = linkDensity(sibling);
            return (text.length() > 80 && density < 0.25)
                    || (text.length() > 0 && density == 0 && SENTENCE_INSIDE.matcher(text).matches());
        }
        return false;
    }

    /** Paragraph texts under {@code root}, skipping blocks that are mostly links or too short to be prose. */
    private void collectParagraphs(Element root, List<String> out) {
        Paragraphs collector = new Paragraphs();
        collector.walk(root, false);
        out.addAll(collector.blocks);
    }

    /** Splits a subtree into text blocks at block-level boundaries, dropping link-heavy blocks. */
    private final class Paragraphs {
        final List<String> blocks = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int linkChars;

        void walk(Node node, boolean inLink) {
            if (node instanceof TextNode t) {
                String text = t.getWholeText();
                current.append(text);
                if (inLink) {
                    linkChars += normalise(text).length();
                }
                return;
            }
            if (!(node instanceof Element e)) {
                return;
            }
            boolean block = BLOCK.contains(e.normalName());
            if (block) {
                flush();
                if (isLinkList(e)) {
                    return;
                }
            }
            boolean link = inLink || e.normalName().equals("a");
            for (int ci = 0, cn = e.childNodeSize(); ci < cn; ci++) {
                Node child = e.childNode(ci);
                walk(child, link);
            }
            if (block) {
                flush();
            }
        }

        private void flush() {
            String text = normalise(current.toString());
            if (!text.isEmpty() && !FURNITURE.matcher(text).matches()) {
                double density = (double) linkChars / text.length();
                if (density < 0.5 || text.length() > 200) {
                    blocks.add(text);
                }
            }
            current.setLength(0);
            linkChars = 0;
        }
    }

    private boolean isLinkList(Element e) {
        String tag = e.normalName();
        if (!tag.equals("ul") && !tag.equals("ol")) {
            return false;
        }
        return linkDensity(e) > 0.5;
    }

    private static boolean hasBlockChild(Element e) {
        for (int ci = 0, cn = e.childNodeSize(); ci < cn; ci++) {
            Node node = e.childNode(ci);
            if (node instanceof Element child && BLOCK.contains(child.normalName())
                    && !child.normalName().equals("br")) {
                return true;
            }
        }
        return false;
    }

    private static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '\uff0c' || c == '\u3001' || c == '\u060c') {
                n++;
            }
        }
        return n;
    }

    /** Runs of ASCII whitespace and no-break spaces as one space, then {@link String#trim}; a regex-free loop. */
    static String normalise(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == '\u00a0') {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        if (space) {
            out.append(' ');
        }
        return out.toString().trim();
    }
}
