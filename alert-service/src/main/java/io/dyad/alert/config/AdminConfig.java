package io.dyad.alert.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The operators' bootstrap key: {@code dyad.admin.api-key}, env {@code DYAD_ADMIN_API_KEY}. */
@ConfigMapping(prefix = "dyad.admin")
public interface AdminConfig {

    /** Bearer key of the built-in admin account; without it no admin route can be used. At least 24 characters. */
    Optional<String> apiKey();
}
