package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked without a Docker engine: what the compose file says must agree with the services (env
 * keys they read, ports they listen on), with itself (hostnames and ports of the containers it starts) and with the
 * start order it needs (each container waits, health-checked, for what it talks to).
 */
class DockerComposeTest {

    /** host:port or scheme://host[:port] inside an env value. */
    private static final Pattern ENDPOINT = Pattern.compile("(?:^|//|,)([a-z][a-z0-9-]*)(?::(\\d+))?(?=[/,?]|$)");

    private static JsonNode services;

    @BeforeAll
    static void parse() {
        JsonNode compose = Repo.yaml("docker-compose.yml");
        services = compose.path("services");
        assertThat(services.size()).as("compose services").isPositive();
    }

    @Test
    void startsKafkaPostgresMailpitTheServicesTopicsAndADemo() {
        assertThat(names()).contains("kafka", "postgres", "mailpit", "ingest-service", "classify-service", "alert-service");
        assertThat(image("kafka")).startsWith("apache/kafka:");
        assertThat(env("kafka").get("KAFKA_PROCESS_ROLES")).as("KRaft: one node is broker and controller")
                .isEqualTo("broker,controller");
        assertThat(env("kafka").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).as("topics come from the topic job only")
                .isEqualTo("false");
        assertThat(image("postgres")).startsWith("postgres:");
        assertThat(image("mailpit")).startsWith("axllent/mailpit:");
        assertThat(oneShots()).as("one-shot containers (topics, demo)").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyImageIsPinnedAndTheServicesAreBuiltFromTheirDockerfiles() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : names()) {
            soft.assertThat(Repo.pinned(image(name))).as("%s image %s pinned", name, image(name)).isTrue();
        }
        for (String svc : Repo.SERVICES) {
            String image = "ghcr.io/dyad-news/" + svc + ":0.1.0";
            soft.assertThat(image(svc)).as("%s image", svc).isEqualTo(image);
            // the same image runs on Kubernetes
            List<JsonNode> deployment = Repo.yamlDocuments(Repo.read("deploy/k8s/base/" + svc + "/deployment.yaml"));
            soft.assertThat(deployment.get(0).findValue("image").asText()).as("%s image on Kubernetes", svc).isEqualTo(image);
            JsonNode build = services.path(svc).path("build");
            soft.assertThat(build.path("context").asText()).as("%s build context", svc).isEqualTo("./" + svc);
            Path dockerfile = Repo.path(svc).resolve(build.path("dockerfile").asText());
            soft.assertThat(dockerfile).as("%s Dockerfile", svc).isEqualTo(Repo.path(svc + "/src/main/docker/Dockerfile.jvm"));
            soft.assertThat(Files.exists(dockerfile)).as("%s Dockerfile exists", svc).isTrue();
        }
        soft.assertAll();
    }

    @Test
    void everyEnvKeyOfAServiceIsAConfigKeyItReads() {
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            ServiceModule module = ServiceModule.of(svc);
            Map<String, String> env = env(svc);
            soft.assertThat(env).as("%s env", svc).containsKeys("QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS");
            for (String key : env.keySet()) {
                soft.assertThat(module.whyNotAConfigKey(key)).as("%s env %s", svc, key).isEmpty();
            }
            if (module.usesDatabase()) {
                soft.assertThat(env).as("%s database", svc).containsKeys("QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            }
        }
        soft.assertAll();
    }

    @Test
    void portsAgreeWithTheServicesAndTheirImages() {
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            int port = ServiceModule.of(svc).httpPort();
            soft.assertThat(env(svc).get("QUARKUS_HTTP_PORT")).as("%s QUARKUS_HTTP_PORT", svc).isEqualTo(String.valueOf(port));
            soft.assertThat(publishedContainerPorts(svc)).as("%s publishes its HTTP port", svc).contains(port);
            soft.assertThat(Dockerfile.of(svc).exposed()).as("%s image EXPOSE", svc).contains(port);
        }
        soft.assertAll();
    }

    @Test
    void everyHostnameInTheEnvIsAContainerListeningOnThatPort() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : names()) {
            for (Map.Entry<String, String> e : env(name).entrySet()) {
                for (String[] hostPort : endpoints(e.getValue())) {
                    if (!services.has(hostPort[0])) {
                        continue; // localhost, kafka's own listener names, ...
                    }
                    if (hostPort[1] != null) {
                        soft.assertThat(listeningPorts(hostPort[0])).as("%s %s → %s:%s listens there", name, e.getKey(),
                                hostPort[0], hostPort[1]).contains(Integer.parseInt(hostPort[1]));
                    }
                }
            }
        }
        // the JDBC URLs name databases and roles the PostgreSQL container creates
        Map<String, String> created = ComposeScripts.databasesAndOwners();
        Map<String, String> postgresEnv = env("postgres");
        for (String svc : Repo.SERVICES) {
            Map<String, String> env = env(svc);
            String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            if (url == null) {
                continue;
            }
            Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
            soft.assertThat(m.matches()).as("%s JDBC URL %s", svc, url).isTrue();
            if (!m.matches()) {
                continue;
            }
            soft.assertThat(image(m.group(1))).as("%s database host", svc).startsWith("postgres:");
            soft.assertThat(created).as("%s database created by the init script", svc).containsKey(m.group(3));
            soft.assertThat(created.get(m.group(3))).as("%s connects as the owner of %s", svc, m.group(3))
                    .isEqualTo(env.get("QUARKUS_DATASOURCE_USERNAME"));
            String passwordVariable = ComposeScripts.passwordVariableOf(m.group(3));
            soft.assertThat(postgresEnv.get(passwordVariable)).as("%s password is the one postgres sets (%s)", svc, passwordVariable)
                    .isEqualTo(env.get("QUARKUS_DATASOURCE_PASSWORD"));
        }
        soft.assertAll();
    }

    @Test
    void eachContainerWaitsHealthCheckedForWhatItTalksTo() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : names()) {
            JsonNode dependsOn = services.path(name).path("depends_on");
            soft.assertThat(dependsOn.isArray()).as("%s depends_on needs conditions, not a list", name).isFalse();
            Set<String> talksTo = new LinkedHashSet<>();
            env(name).values().forEach(v -> endpoints(v).stream().map(hp -> hp[0]).filter(services::has)
                    .filter(h -> !h.equals(name)).forEach(talksTo::add));
            // a Kafka client must also wait for the one-shot that creates the topics on that broker
            String broker = env(name).getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
            for (String job : oneShots()) {
                if (!job.equals(name) && !broker.isEmpty() && endpoints(broker).stream()
                        .anyMatch(hp -> env(job).values().stream().anyMatch(v -> v.contains(hp[0] + ":")))) {
                    talksTo.add(job);
                }
            }
            for (String dependency : talksTo) {
                String condition = dependsOn.path(dependency).path("condition").asText("");
                String expected = oneShots().contains(dependency) ? "service_completed_successfully" : "service_healthy";
                soft.assertThat(condition).as("%s waits for %s", name, dependency).isEqualTo(expected);
            }
            dependsOn.fields().forEachRemaining(d -> {
                String condition = d.getValue().path("condition").asText();
                soft.assertThat(services.has(d.getKey())).as("%s depends on unknown %s", name, d.getKey()).isTrue();
                if (condition.equals("service_healthy")) {
                    soft.assertThat(hasHealthCheck(d.getKey())).as("%s waits for %s to be healthy: it needs a health check",
                            name, d.getKey()).isTrue();
                } else {
                    soft.assertThat(condition).as("%s → %s condition", name, d.getKey()).isEqualTo("service_completed_successfully");
                    soft.assertThat(oneShots()).as("%s waits for %s to complete: it must be a one-shot", name, d.getKey())
                            .contains(d.getKey());
                }
            });
        }
        soft.assertAll();
    }

    @Test
    void theDemoTalksToTheServicesItRegistersWithAndServesTheFeedRunLocalServes() {
        Map<String, String> demo = env("demo");
        assertThat(demo.get("INGEST_URL")).isEqualTo("http://ingest-service:" + ServiceModule.of("ingest-service").httpPort());
        assertThat(demo.get("ALERT_URL")).isEqualTo("http://alert-service:" + ServiceModule.of("alert-service").httpPort());
        assertThat(endpoints(demo.get("FEED_URL")).get(0)[0]).isEqualTo("demo-web");
        assertThat(endpoints(demo.get("WEBHOOK_URL")).get(0)[0]).isEqualTo("demo-web");
        // the demo's feed and webhook sink are containers on the compose network: the services must be allowed there
        assertThat(env("ingest-service").get("DYAD_EGRESS_ALLOW_PRIVATE")).isEqualTo("true");
        assertThat(env("alert-service").get("DYAD_EGRESS_ALLOW_PRIVATE")).isEqualTo("true");

        SoftAssertions soft = new SoftAssertions();
        for (String name : List.of("demo", "demo-web")) {
            String script = mountedScript(name);
            for (String key : env(name).keySet()) {
                soft.assertThat(script).as("%s reads %s", name, key).containsPattern("os\\.environ(\\.get\\()?\\[?\"" + key + "\"");
            }
        }
        String template = Repo.read(hostPathMountedAt("demo-web", env("demo-web").get("DEMO_FEED_TEMPLATE")));
        soft.assertThat(template).as("the shared demo feed template").contains("<rss", "{{EDITION}}", "{{PUBDATE}}");
        soft.assertThat(mountedScript("demo-web")).contains("{{EDITION}}", "{{PUBDATE}}");
        soft.assertAll();
    }

    @Test
    void theServicesWithAnAdminApiShareOneAdminKeyAndTheDemoSendsIt() {
        Set<String> withAdminApi = new LinkedHashSet<>();
        for (String svc : Repo.SERVICES) {
            if (ServiceModule.of(svc).mappingKeys.contains("dyad.admin.api-key")) {
                withAdminApi.add(svc);
            }
        }
        assertThat(withAdminApi).as("services whose API wants the admin key").contains("ingest-service", "alert-service");
        String demoKey = env("demo").get("DYAD_ADMIN_API_KEY");
        assertThat(demoKey).as("the demo's admin key").isNotBlank();
        SoftAssertions soft = new SoftAssertions();
        for (String svc : withAdminApi) {
            // unset, the service would refuse the demo (and every operator) outright
            soft.assertThat(env(svc).get("DYAD_ADMIN_API_KEY")).as("%s DYAD_ADMIN_API_KEY = the demo's", svc)
                    .isEqualTo(demoKey);
        }
        Matcher defaulted = Pattern.compile("\\$\\{DYAD_ADMIN_API_KEY:-([^}]+)}").matcher(demoKey);
        soft.assertThat(defaulted.matches()).as("the key comes from DYAD_ADMIN_API_KEY (.env) with a local default: %s",
                demoKey).isTrue();
        if (defaulted.matches()) {
            // alert-service refuses to start with a shorter admin key
            soft.assertThat(defaulted.group(1).length()).as("default key length").isGreaterThanOrEqualTo(24);
        }
        String script = mountedScript("demo");
        soft.assertThat(script).as("register_demo.py sends the key as a bearer token")
                .containsPattern("\"Authorization\":\\s*\"Bearer \"\\s*\\+\\s*ADMIN_API_KEY");
        soft.assertAll();
    }

    @Test
    void everyBindMountExistsInTheRepository() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : names()) {
            for (JsonNode volume : services.path(name).path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    soft.assertThat(Files.exists(Repo.path(source.substring(2)))).as("%s mounts %s", name, source).isTrue();
                }
            }
        }
        soft.assertAll();
    }

    // --- reading the compose file ----------------------------------------------------------------------------------

    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String image(String service) {
        return services.path(service).path("image").asText();
    }

    static Map<String, String> env(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = services.path(service).path("environment");
        if (environment.isArray()) {
            environment.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** Containers that run once and exit: restart "no" and nothing waits for them to be healthy. */
    static Set<String> oneShots() {
        Set<String> jobs = new LinkedHashSet<>();
        for (String name : names()) {
            if (services.path(name).path("restart").asText("no").equals("no")) {
                jobs.add(name);
            }
        }
        return jobs;
    }

    private static List<String[]> endpoints(String value) {
        List<String[]> found = new java.util.ArrayList<>();
        Matcher m = ENDPOINT.matcher(value);
        while (m.find()) {
            found.add(new String[] {m.group(1), m.group(2)});
        }
        return found;
    }

    private static Set<Integer> publishedContainerPorts(String service) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (JsonNode p : services.path(service).path("ports")) {
            String[] parts = p.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1].split("/")[0]));
        }
        return ports;
    }

    /** The ports a container listens on, as far as the compose file and its images tell. */
    private static Set<Integer> listeningPorts(String service) {
        Set<Integer> ports = new LinkedHashSet<>(publishedContainerPorts(service));
        services.path(service).path("expose").forEach(p -> ports.add(Integer.parseInt(p.asText())));
        Map<String, String> env = env(service);
        for (String key : List.of("QUARKUS_HTTP_PORT", "DEMO_PORT")) {
            if (env.containsKey(key)) {
                ports.add(Integer.parseInt(env.get(key)));
            }
        }
        Matcher advertised = Pattern.compile("//" + Pattern.quote(service) + ":(\\d+)")
                .matcher(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
        while (advertised.find()) {
            ports.add(Integer.parseInt(advertised.group(1)));
        }
        if (image(service).startsWith("postgres:")) {
            ports.add(5432);
        }
        return ports;
    }

    private static boolean hasHealthCheck(String service) {
        JsonNode check = services.path(service).path("healthcheck");
        if (check.has("test") && !check.path("disable").asBoolean(false)) {
            return true;
        }
        // the services' images declare HEALTHCHECK in their Dockerfile
        return Repo.SERVICES.contains(service) && Dockerfile.of(service).healthcheck().isPresent();
    }

    private static String mountedScript(String service) {
        JsonNode command = services.path(service).path("command");
        String script = command.get(command.size() - 1).asText();
        return Repo.read(hostPathMountedAt(service, script));
    }

    private static Path hostPathMountedAt(String service, String containerPath) {
        for (JsonNode volume : services.path(service).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(containerPath)) {
                return Repo.path(parts[0].replaceFirst("^\\./", ""));
            }
        }
        throw new AssertionError(service + " mounts nothing at " + containerPath);
    }
}
