package io.dyad.alert.egress;

import java.net.URI;

/** Webhook URLs are secrets (the path often is the credential): logs and API answers show only where they point. */
public final class Urls {

    private Urls() {
    }

    /** {@code https://hooks.example.com:8443/…}: scheme, host and port; the rest replaced by an ellipsis. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "…";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "…";
        }
    }
}
