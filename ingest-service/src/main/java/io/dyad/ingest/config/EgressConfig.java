package io.dyad.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Outbound-request policy shared by the services that fetch user-given URLs ({@code dyad.egress.*}, env
 * {@code DYAD_EGRESS_*}).
 */
@ConfigMapping(prefix = "dyad.egress")
public interface EgressConfig {

    /**
     * Lets outbound requests reach loopback and private networks; for tests and the local demo only. Cloud metadata
     * addresses stay refused even then.
     */
    @WithDefault("false")
    boolean allowPrivate();
}
