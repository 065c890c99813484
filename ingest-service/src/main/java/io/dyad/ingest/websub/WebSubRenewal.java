package io.dyad.ingest.websub;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Renews WebSub leases before they lapse; every replica runs it, the claim keeps renewals single. */
@ApplicationScoped
public class WebSubRenewal {

    private static final Logger LOG = Logger.getLogger(WebSubRenewal.class);

    @Inject
    WebSubService websub;

    @Scheduled(identity = "websub-renewal", every = "${dyad.ingest.websub.renew-check:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renew() {
        try {
            int n = websub.renewDue();
            if (n > 0) {
                LOG.infof("renewed %d WebSub subscription(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warnf("WebSub renewal failed: %s", e.getMessage());
        }
    }
}
