package io.dyad.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The e-mail channel: {@code dyad.alert.email.*}, env {@code DYAD_ALERT_EMAIL_*}. The SMTP server itself (host, port,
 * TLS, login, sender) is Quarkus Mailer's {@code quarkus.mailer.*} (env {@code QUARKUS_MAILER_*}).
 */
@ConfigMapping(prefix = "dyad.alert.email")
public interface EmailConfig {

    /** How long a confirmation link works; a new one can be asked for with POST /subscriptions/{id}/confirmation. */
    @WithDefault("48h")
    Duration confirmationTtl();

    /** Deadline of one SMTP transaction (connect, greeting, MAIL/RCPT/DATA). */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The right-hand side of our Message-IDs; by default the host of {@code dyad.alert.public-base-url}. */
    Optional<String> messageIdDomain();
}
