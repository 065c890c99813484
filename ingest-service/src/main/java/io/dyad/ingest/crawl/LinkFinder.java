package io.dyad.ingest.crawl;

import io.dyad.ingest.service.WebLinks;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The article links on a web source's listing page: {@code a[href]} elements matched by the selector (or inside
 * matched elements), absolute http(s) URLs without fragment, matching the pattern when there is one (each match
 * bounded to 50 ms, so a pattern with catastrophic backtracking cannot hold a worker); in page order, each once. Pure.
 */
public final class LinkFinder {

    /** Time one URL may take to match the operator's pattern; a slower match counts as no match. */
    static final long MATCH_BUDGET_NANOS = 50_000_000L;

    private LinkFinder() {
    }

    static boolean matches(java.util.regex.Pattern pattern, String url) {
        try {
            return pattern.matcher(new BoundedCharSequence(url, System.nanoTime() + MATCH_BUDGET_NANOS)).find();
        } catch (BoundedCharSequence.MatchTimeoutException e) {
            return false;
        }
    }

    public static List<URI> links(String html, URI page, WebLinks rule) {
        Document doc = Jsoup.parse(html, page.toString());
        Set<Element> anchors = new LinkedHashSet<>();
        if (rule.selector() != null) {
            for (Element e : doc.select(rule.selector())) {
                if (e.is("a[href]")) {
                    anchors.add(e);
                } else {
                    anchors.addAll(e.select("a[href]"));
                }
            }
        } else {
            anchors.addAll(doc.select("a[href]"));
        }
        Set<String> seen = new LinkedHashSet<>();
        List<URI> out = new ArrayList<>();
        for (Element a : anchors) {
            String abs = a.absUrl("href");
            if (abs.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                URI parsed = new URI(abs);
                uri = new URI(parsed.getScheme(), parsed.getRawAuthority() == null ? null : parsed.getAuthority(),
                        parsed.getPath(), parsed.getQuery(), null);
            } catch (java.net.URISyntaxException e) {
                continue;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                continue;
            }
            if (rule.pattern() != null && !matches(rule.pattern(), uri.toString())) {
                continue;
            }
            if (seen.add(uri.toString())) {
                out.add(uri);
            }
        }
        return out;
    }
}
