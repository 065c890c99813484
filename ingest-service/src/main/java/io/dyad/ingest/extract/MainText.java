package io.dyad.ingest.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

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
    private static final Set<String> PARAGRAPHS = Set.of("p", "pre", "blockquote", "td", "li", "h2", "h3", "h4");
    private static final Set<String> BLOCK = Set.of("p", "div", "section", "article", "main", "header", "blockquote",
            "pre", "ul", "ol", "li", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "figure", "aside",
            "nav", "footer", "form", "address", "center");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");

    private MainText() {
    }

    /** The article text of {@code doc} (which is changed), paragraphs separated by blank lines; "" if none. */
    static String of(Document doc) {
        Element body = doc.body();
        if (body == null) {
            return "";
        }
        clean(body);
        Element top = bestCandidate(body);
        if (top == null) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        Element parent = top.parent();
        if (parent == null) {
            collectParagraphs(top, paragraphs);
        } else {
            double topScore = scoreOf(top);
            for (Element sibling : parent.children()) {
                if (sibling == top || isContinuation(sibling, topScore)) {
                    collectParagraphs(sibling, paragraphs);
                }
            }
        }
        return String.join("\n\n", paragraphs);
    }

    private static void clean(Element body) {
        body.select(String.join(",", NEVER_TEXT)).remove();
        body.select("[hidden], [aria-hidden=true], [role=navigation], [role=banner], [role=contentinfo], "
                + "[role=complementary], [role=dialog], [role=alert], [itemprop=author], [rel=author]").remove();
        List<Element> unlikely = new ArrayList<>();
        int bodyLength = body.text().length();
        for (Element e : body.getAllElements()) {
            if (KEEP_ANYWAY.contains(e.normalName()) || e == body) {
                continue;
            }
            if (holdsTheProse(e, bodyLength)) {
                continue; // a wrapper named "sidebar-layout" or "ad-pusher" around the whole page is not boilerplate
            }
            String names = e.className() + " " + e.id();
            if (names.isBlank()) {
                continue;
            }
            if (UNLIKELY.matcher(names).find() && !LIKELY.matcher(names).find()) {
                unlikely.add(e);
            }
        }
        for (Element e : unlikely) {
            if (e.parent() != null) {
                e.remove();
            }
        }
        // headings, scripts and the like are gone; a lone h1 is the title, never body text
        body.select("h1").remove();
    }

    /** True when {@code e} holds much of the page's text including long paragraphs: never boilerplate. */
    private static boolean holdsTheProse(Element e, int bodyLength) {
        int length = e.text().length();
        if (length < 0.3 * bodyLength) {
            return false;
        }
        for (Element p : e.select("p")) {
            if (p.text().length() >= 150) {
                return true;
            }
        }
        return false;
    }

    private static double scoreOf(Element e) {
        Double s = SCORE.get().get(e);
        return s == null ? 0 : s;
    }

    private static final ThreadLocal<Map<Element, Double>> SCORE = ThreadLocal.withInitial(HashMap::new);

    private static Element bestCandidate(Element body) {
        Map<Element, Double> scores = new java.util.IdentityHashMap<>();
        SCORE.set(scores);
        for (Element e : body.getAllElements()) {
            String tag = e.normalName();
            boolean paragraphLike = PARAGRAPHS.contains(tag) || (tag.equals("div") && !hasBlockChild(e));
            if (!paragraphLike) {
                continue;
            }
            String text = ownBlockText(e);
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

    private static double initialScore(Element e) {
        double score = switch (e.normalName()) {
            case "article" -> 10;
            case "div", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        String names = e.className() + " " + e.id();
        if (LIKELY.matcher(names).find()) {
            score += 25;
        }
        if (UNLIKELY.matcher(names).find()) {
            score -= 25;
        }
        return score;
    }

    private static boolean isContinuation(Element sibling, double topScore) {
        double threshold = Math.max(10, topScore * 0.2);
        if (scoreOf(sibling) >= threshold) {
            return true;
        }
        if (sibling.normalName().equals("p")) {
            String text = normalise(sibling.text());
            double density = linkDensity(sibling);
            return (text.length() > 80 && density < 0.25)
                    || (text.length() > 0 && density == 0 && text.matches(".*\\.( |$).*"));
        }
        return false;
    }

    /** Paragraph texts under {@code root}, skipping blocks that are mostly links or too short to be prose. */
    private static void collectParagraphs(Element root, List<String> out) {
        Paragraphs collector = new Paragraphs();
        collector.walk(root);
        for (String p : collector.blocks) {
            out.add(p);
        }
    }

    /** Splits a subtree into text blocks at block-level boundaries, dropping link-heavy blocks. */
    private static final class Paragraphs {
        final List<String> blocks = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int linkChars;

        void walk(Node node) {
            if (node instanceof TextNode t) {
                String text = t.getWholeText();
                current.append(text);
                if (insideLink(t)) {
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
            for (Node child : e.childNodes()) {
                walk(child);
            }
            if (block) {
                flush();
            }
        }

        private void flush() {
            String text = normalise(current.toString());
            if (!text.isEmpty()) {
                double density = (double) linkChars / text.length();
                if (density < 0.5 || text.length() > 200) {
                    blocks.add(text);
                }
            }
            current.setLength(0);
            linkChars = 0;
        }
    }

    private static boolean isLinkList(Element e) {
        String tag = e.normalName();
        if (!tag.equals("ul") && !tag.equals("ol")) {
            return false;
        }
        return linkDensity(e) > 0.5;
    }

    private static boolean insideLink(TextNode t) {
        for (Node p = t.parent(); p != null; p = p.parent()) {
            if (p instanceof Element e && e.normalName().equals("a")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBlockChild(Element e) {
        for (Element child : e.children()) {
            if (BLOCK.contains(child.normalName()) && !child.normalName().equals("br")) {
                return true;
            }
        }
        return false;
    }

    /** Text of the element without that of nested paragraph-like blocks (they are scored themselves). */
    private static String ownBlockText(Element e) {
        return normalise(e.text());
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

    static double linkDensity(Element e) {
        int total = normalise(e.text()).length();
        if (total == 0) {
            return 0;
        }
        int links = 0;
        Elements anchors = e.select("a");
        for (Element a : anchors) {
            links += normalise(a.text()).length();
        }
        return Math.min(1.0, (double) links / total);
    }

    static String normalise(String text) {
        return SPACES.matcher(text).replaceAll(" ").trim();
    }
}
