package io.dyad.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of PrometheusRules and Grafana dashboards, and the metric names they read. */
final class PromQl {

    /** A metric is a name followed by a selector or a range; functions and aggregations are followed by '('. */
    private static final Pattern METRIC = Pattern.compile("(?<![\\w$\"'])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    private PromQl() {
    }

    /** Alert name to expression, over every rule of the given PrometheusRule resources. */
    static Map<String, String> alerts(List<JsonNode> prometheusRules) {
        Map<String, String> alerts = new LinkedHashMap<>();
        for (JsonNode resource : prometheusRules) {
            for (JsonNode group : resource.path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.path("alert").asText(rule.path("record").asText());
                    alerts.put(name, rule.path("expr").asText());
                }
            }
        }
        return alerts;
    }

    static List<String> expressions(List<JsonNode> prometheusRules) {
        return new ArrayList<>(alerts(prometheusRules).values());
    }

    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        return exprs;
    }

    static Set<String> metricNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(STRING.matcher(expression).replaceAll("\"\""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new LinkedHashSet<>();
        expressions.forEach(e -> names.addAll(metricNames(e)));
        return names;
    }
}
