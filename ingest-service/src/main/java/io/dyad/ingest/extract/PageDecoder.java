package io.dyad.ingest.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bytes of an HTML page to text: the Content-Type charset, else a meta charset, else UTF-8 (bad bytes → U+FFFD). */
public final class PageDecoder {

    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([\\w.:-]+)");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)");

    private PageDecoder() {
    }

    public static String decode(byte[] bytes, String contentType) {
        Charset charset = null;
        if (contentType != null) {
            charset = charset(HEADER_CHARSET.matcher(contentType));
        }
        if (charset == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
            charset = charset(META_CHARSET.matcher(head));
        }
        return new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static Charset charset(Matcher m) {
        if (!m.find()) {
            return null;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
