package io.dyad.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Outbound traffic (channel URLs): {@code dyad.egress.*}, env {@code DYAD_EGRESS_*}. Shared with the other services,
 * so one flag opens private networks for a whole local demo.
 */
@ConfigMapping(prefix = "dyad.egress")
public interface EgressConfig {

    /** Allow channel URLs on loopback, private, link-local and CGNAT networks (tests, dev, the local demo only). */
    @WithDefault("false")
    boolean allowPrivate();
}
