package io.dyad.ingest.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The operators' key ({@code dyad.admin.api-key}, env {@code DYAD_ADMIN_API_KEY}, the same variable as alert-service). */
@ConfigMapping(prefix = "dyad.admin")
public interface AdminConfig {

    /** Bearer key required by the source API; when unset, the source API refuses every request. */
    Optional<String> apiKey();
}
