package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard read the services' own metrics by name: each {@code dyad_<service>_*} metric they
 * read must be a meter that service registers (its dotted Micrometer name in the service's code), so renaming a meter
 * without its rules fails here instead of silencing an alert in production.
 */
class MonitoringMetricsTest {

    private static final Pattern METER_NAME = Pattern.compile("\"(dyad\\.[a-z0-9_.]+)\"");

    @Test
    void everyServiceMetricTheRulesAndDashboardReadIsRegisteredByThatService() {
        List<String> expressions = new ArrayList<>(PromQl.expressions(
                Repo.yamlDocuments(Repo.read("deploy/k8s/base/monitoring/prometheusrules.yaml"))));
        expressions.addAll(PromQl.dashboardExpressions(
                Repo.json(Repo.read("deploy/k8s/base/monitoring/dashboards/dyad-overview.json"))));
        List<String> dyadMetrics = PromQl.metricNames(expressions).stream().filter(m -> m.startsWith("dyad_")).toList();
        assertThat(dyadMetrics).as("service metrics read").isNotEmpty();

        SoftAssertions soft = new SoftAssertions();
        for (String metric : dyadMetrics) {
            String service = metric.split("_")[1] + "-service";
            soft.assertThat(Repo.SERVICES).as("%s names a service", metric).contains(service);
            if (!Repo.SERVICES.contains(service)) {
                continue;
            }
            Set<String> registered = registeredMeters(Repo.path(service + "/src/main/java"));
            String base = baseName(metric);
            soft.assertThat(registered).as("%s (as %s) is a meter %s registers; it registers %s", metric, base, service,
                    registered).contains(base);
        }
        soft.assertAll();
    }

    /** Prometheus name without the unit/type suffixes Micrometer adds: _total, _seconds, _bucket, _count, _sum. */
    static String baseName(String metric) {
        String base = metric.replaceFirst("_total$", "");
        return base.replaceFirst("(_seconds)?(_bucket|_count|_sum|_max)?$", "");
    }

    /** Meter names in the service's code, in Prometheus form (dots to underscores). */
    private static Set<String> registeredMeters(Path sources) {
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = METER_NAME.matcher(Repo.read(f));
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
