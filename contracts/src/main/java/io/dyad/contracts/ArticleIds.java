package io.dyad.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Canonical URLs and the ids derived from them (DESIGN §3). */
public final class ArticleIds {

    private static final Set<String> TRACKING_PARAMS = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid",
            "mc_eid", "igshid", "yclid", "_ga", "ref_src", "cmpid", "ocid");

    private ArticleIds() {
    }

    /**
     * Lower-cases scheme and host, drops the default port, the fragment and tracking parameters ({@code utm_*},
     * {@code fbclid}, {@code gclid}, ...), and gives an empty path as "/".
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
     */
    public static String canonicalUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + url + "\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + url + "\" is not an absolute http(s) URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = keptQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    /** articleId: lower-case hex of the first 16 bytes of SHA-256 of the canonical URL. */
    public static String articleId(String canonicalUrl) {
        return HexFormat.of().formatHex(sha256(canonicalUrl), 0, 16);
    }

    /** SHA-256 of title and text, lower-case hex; equal content gives an equal hash whatever the URL. */
    public static String contentHash(String title, String text) {
        return HexFormat.of().formatHex(sha256((title == null ? "" : title) + "\n" + (text == null ? "" : text)));
    }

    private static String keptQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!param.isEmpty() && !name.startsWith("utm_") && !TRACKING_PARAMS.contains(name)) {
                kept.add(param);
            }
        }
        return String.join("&", kept);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
