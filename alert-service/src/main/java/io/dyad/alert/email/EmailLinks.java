package io.dyad.alert.email;

import io.dyad.alert.config.AlertConfig;
import io.dyad.alert.config.EmailConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/** Links and ids that mails carry: built on {@code dyad.alert.public-base-url}. */
@ApplicationScoped
public class EmailLinks {

    @Inject
    AlertConfig config;

    @Inject
    EmailConfig email;

    private String base() {
        String base = config.publicBaseUrl().strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String confirmUrl(String token) {
        return base() + "/email/confirm?token=" + token;
    }

    public String unsubscribeUrl(String token) {
        return base() + "/email/unsubscribe?token=" + token;
    }

    /** The subscription's Atom feed (its token is the feed's credential). */
    public String feedUrl(String feedToken) {
        return base() + "/feeds/" + feedToken + ".atom";
    }

    /** {@code <id@domain>}: the same for every attempt at one delivery, so repeats can be recognised. */
    public String messageId(String id) {
        return "<" + id + "@" + domain() + ">";
    }

    private String domain() {
        return email.messageIdDomain().filter(d -> !d.isBlank()).orElseGet(() -> {
            String host = URI.create(base()).getHost();
            return host == null || host.isBlank() ? "dyad.invalid" : host;
        });
    }
}
