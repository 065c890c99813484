package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * deploy/README.md is the operators' manual: it must have the sections issue 6 asks for, explain every alert rule
 * (the rules link to those sections), and name every metric the rules and the dashboard read.
 */
class DeployReadmeTest {

    private static final String README = "deploy/README.md";

    @Test
    void hasTheSectionsOperatorsNeed() {
        String readme = Repo.read(README);
        for (String heading : List.of("## Run with Docker", "## Deploy to Kubernetes", "### Install order",
                "### Configuration and secrets", "### Scaling", "### Upgrades", "### Backup and restore",
                "### Monitoring", "### Alerts")) {
            assertThat(readme).as("section %s", heading).contains("\n" + heading + "\n");
        }
        assertThat(readme).contains("Flyway", "KEDA", "lagThreshold", "SKIP LOCKED", "partitions");
    }

    @Test
    void everyAlertRuleHasASectionItsRunbookLinkPointsTo() {
        String readme = Repo.read(README);
        List<JsonNode> rules = Repo.yamlDocuments(Repo.read("deploy/k8s/base/monitoring/prometheusrules.yaml"));
        Map<String, String> alerts = PromQl.alerts(rules);
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode resource : rules) {
            for (JsonNode group : resource.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String alert = rule.path("alert").asText();
                    soft.assertThat(readme).as("README section for %s", alert).contains("\n#### " + alert + "\n");
                    soft.assertThat(rule.path("annotations").path("runbook").asText())
                            .as("%s runbook link", alert).isEqualTo(README + "#" + alert.toLowerCase());
                    soft.assertThat(rule.path("labels").path("severity").asText()).as("%s severity", alert)
                            .isIn("warning", "critical");
                    soft.assertThat(rule.path("annotations").path("summary").asText()).as("%s summary", alert).isNotBlank();
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void namesEveryMetricTheRulesAndTheDashboardRead() {
        String readme = Repo.read(README);
        List<String> expressions = new ArrayList<>(PromQl.expressions(
                Repo.yamlDocuments(Repo.read("deploy/k8s/base/monitoring/prometheusrules.yaml"))));
        JsonNode dashboard = Repo.json(Repo.read("deploy/k8s/base/monitoring/dashboards/dyad-overview.json"));
        expressions.addAll(PromQl.dashboardExpressions(dashboard));
        Set<String> metrics = PromQl.metricNames(expressions);
        assertThat(metrics).as("metrics read").contains("kafka_consumergroup_lag", "dyad_alert_deliveries_total");
        SoftAssertions soft = new SoftAssertions();
        for (String metric : metrics) {
            soft.assertThat(readme).as("README names metric %s", metric).contains("`" + metric + "`");
        }
        soft.assertAll();
    }
}
