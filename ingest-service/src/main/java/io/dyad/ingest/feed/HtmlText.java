package io.dyad.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** HTML to plain text that keeps the paragraph structure: one paragraph per block, separated by a blank line. */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "aside",
            "main", "nav", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
            "table", "thead", "tbody", "tr", "figure", "figcaption", "hr", "address", "details", "summary");
    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "iframe", "object",
            "embed", "svg", "head", "form", "button", "select");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z][^>]*>|&[#a-zA-Z0-9]+;");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

    private HtmlText() {
    }

    /** Plain text of an HTML fragment; a string without any tag or entity is read as plain text. */
    public static String toPlainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (!TAG.matcher(html).find()) {
            return normalisePlain(html);
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, body);
        return collector.text();
    }

    /** Plain text of an element of a parsed page, one paragraph per block. */
    public static String elementText(Element root) {
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, root);
        return collector.text();
    }

    /** Plain text with whitespace collapsed inside paragraphs; blank lines in the input stay paragraph breaks. */
    public static String normalisePlain(String text) {
        if (text == null) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : BLANK_LINES.split(text.replace("\r\n", "\n").replace('\r', '\n'))) {
            String p = SPACES.matcher(paragraph).replaceAll(" ").trim();
            if (!p.isEmpty()) {
                paragraphs.add(p);
            }
        }
        return String.join("\n\n", paragraphs);
    }

    /** Walks the tree, closing the current paragraph at block boundaries and {@code <br>}s. */
    private static final class Collector implements NodeVisitor {
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int skipDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (SKIPPED.contains(tag)) {
                    skipDepth++;
                } else if (skipDepth == 0 && (BLOCKS.contains(tag) || tag.equals("br"))) {
                    closeParagraph();
                }
            } else if (node instanceof TextNode text && skipDepth == 0) {
                current.append(text.getWholeText());
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (SKIPPED.contains(tag)) {
                    skipDepth--;
                } else if (skipDepth == 0 && BLOCKS.contains(tag)) {
                    closeParagraph();
                }
            }
        }

        private void closeParagraph() {
            String p = SPACES.matcher(current).replaceAll(" ").trim();
            if (!p.isEmpty()) {
                paragraphs.add(p);
            }
            current.setLength(0);
        }

        String text() {
            closeParagraph();
            return String.join("\n\n", paragraphs);
        }
    }
}
