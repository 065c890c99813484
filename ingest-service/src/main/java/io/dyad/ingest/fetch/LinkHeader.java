package io.dyad.ingest.fetch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP {@code Link} header values (RFC 8288) read for their relation types: {@code <https://hub.example/>;
 * rel="hub", <https://feed.example/rss>; rel="self"} gives {hub → https://hub.example/, self → …}. A link may name
 * several relations ({@code rel="self alternate"}); the first link of each relation wins. Targets are returned as
 * written (resolve them against the request URL). Malformed parts are skipped, never thrown.
 */
public final class LinkHeader {

    private static final int MAX_LINKS = 50;

    private LinkHeader() {
    }

    /** Relation type (lower case) → first target, over all given header values. */
    public static Map<String, String> relations(List<String> headerValues) {
        Map<String, String> out = new LinkedHashMap<>();
        int links = 0;
        for (String value : headerValues) {
            int i = 0;
            while (value != null && i < value.length() && links < MAX_LINKS) {
                int open = value.indexOf('<', i);
                if (open < 0) {
                    break;
                }
                int close = value.indexOf('>', open);
                if (close < 0) {
                    break;
                }
                String target = value.substring(open + 1, close).trim();
                int end = nextLink(value, close + 1);
                String params = value.substring(close + 1, end);
                String rel = param(params, "rel");
                if (rel != null && !target.isEmpty()) {
                    for (String r : rel.trim().split("\\s+")) {
                        out.putIfAbsent(r.toLowerCase(Locale.ROOT), target);
                    }
                }
                links++;
                i = end + 1;
            }
        }
        return out;
    }

    /** Index of the comma that ends the link starting at {@code from} (commas inside quotes do not), or the end. */
    private static int nextLink(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return value.length();
    }

    /** The value of parameter {@code name} in {@code ; a=b; rel="hub"}, unquoted; null when absent. */
    private static String param(String params, String name) {
        for (String part : params.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0 || !part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                continue;
            }
            String v = part.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            return v;
        }
        return null;
    }
}
