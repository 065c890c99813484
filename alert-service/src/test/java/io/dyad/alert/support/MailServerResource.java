package io.dyad.alert.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points Quarkus Mailer at the tests' {@link MailServer} (GreenMail on a free port). Declared with
 * {@code @QuarkusTestResource} (not restricted to annotated classes), so every {@code @QuarkusTest} class shares it and
 * the one Quarkus start.
 */
@QuarkusTestResource(MailServerResource.class)
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(MailServer.port()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.from", "Dyad test <alerts@dyad.test>");
    }

    @Override
    public void stop() {
        // the server outlives test classes; it is stopped when the JVM exits
    }
}
