package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The env-key checker the deployment tests rely on must say no as readily as yes: keys of extensions a service lacks,
 * build-time keys and made-up keys are refused; run-time keys of its extensions and of its own config are accepted.
 */
class ServiceConfigKeysTest {

    @Test
    void acceptsRunTimeKeysOfTheServicesExtensionsAndOwnConfig() {
        ServiceModule ingest = ServiceModule.of("ingest-service");
        assertThat(ingest.whyNotAConfigKey("QUARKUS_HTTP_PORT")).isEmpty();
        assertThat(ingest.whyNotAConfigKey("QUARKUS_DATASOURCE_JDBC_URL")).isEmpty();
        assertThat(ingest.whyNotAConfigKey("QUARKUS_DATASOURCE_USERNAME")).isEmpty();
        assertThat(ingest.whyNotAConfigKey("QUARKUS_DATASOURCE_JDBC_MAX_SIZE")).isEmpty();
        assertThat(ingest.whyNotAConfigKey("KAFKA_BOOTSTRAP_SERVERS")).isEmpty();
        // a map key stands for any name
        assertThat(ingest.whyNotAConfigKey("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL")).isEmpty();
        // its @ConfigMapping interfaces (dyad.ingest, and the shared dyad.egress and dyad.admin), nested groups included
        assertThat(ingest.mappingKeys).contains("dyad.egress.allow-private", "dyad.admin.api-key",
                "dyad.ingest.fetch.per-host-delay", "dyad.ingest.full-text.enabled", "dyad.ingest.robots.cache-ttl");
        assertThat(ingest.whyNotAConfigKey("DYAD_EGRESS_ALLOW_PRIVATE")).isEmpty();
        assertThat(ingest.whyNotAConfigKey("DYAD_ADMIN_API_KEY")).isEmpty();
        assertThat(ingest.whyNotAConfigKey("DYAD_INGEST_FULL_TEXT_MIN_TEXT_CHARS")).isEmpty();
        assertThat(ingest.mappingKeys.stream().filter(k -> k.split("\\.").length > 3)).isNotEmpty();
        ServiceModule alert = ServiceModule.of("alert-service");
        assertThat(alert.whyNotAConfigKey("DYAD_EGRESS_ALLOW_PRIVATE")).isEmpty();
        assertThat(alert.whyNotAConfigKey("DYAD_ADMIN_API_KEY")).isEmpty();
    }

    @Test
    void refusesKeysOfMissingExtensionsBuildTimeKeysAndMadeUpKeys() {
        ServiceModule classify = ServiceModule.of("classify-service");
        assertThat(classify.whyNotAConfigKey("QUARKUS_DATASOURCE_JDBC_URL")).get().asString()
                .contains("no config key of the Quarkus extensions");
        assertThat(classify.whyNotAConfigKey("DYAD_EGRESS_ALLOW_PRIVATE")).isPresent();
        assertThat(classify.whyNotAConfigKey("DYAD_ADMIN_API_KEY")).isPresent();

        ServiceModule ingest = ServiceModule.of("ingest-service");
        assertThat(ingest.whyNotAConfigKey("QUARKUS_DATASOURCE_DB_KIND")).get().asString().contains("build time");
        assertThat(ingest.whyNotAConfigKey("QUARKUS_HTTP_PROT")).isPresent();
        assertThat(ingest.whyNotAConfigKey("DYAD_EGRESS_ALLOW_PRIVATES")).isPresent();
        // the flag's name before it moved to dyad.egress: no longer read, so a deployment file must not set it
        assertThat(ingest.whyNotAConfigKey("DYAD_INGEST_ALLOW_PRIVATE_NETWORK")).isPresent();
        if (!ingest.catalog().extensions().contains("quarkus-mailer")) {
            assertThat(ingest.whyNotAConfigKey("QUARKUS_MAILER_HOST")).isPresent();
        }
    }

    @Test
    void readsTopicsAndConsumerGroupsFromTheChannels() {
        assertThat(ServiceModule.of("alert-service").consumerGroupOf("dyad.articles.tagged")).contains("alert-service");
        assertThat(ServiceModule.of("alert-service").topics()).contains("dyad.articles.tagged", "dyad.articles.tagged.dlq");
        assertThat(ServiceModule.of("ingest-service").topics()).contains("dyad.articles.raw");
        assertThat(ServiceModule.of("ingest-service").consumerGroupOf("dyad.articles.raw")).isEmpty();
    }
}
