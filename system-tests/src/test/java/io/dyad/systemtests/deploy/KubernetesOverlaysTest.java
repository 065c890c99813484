package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each kustomize overlay with {@code kubectl kustomize} and checks the invariants of issue 6 on what would be
 * applied: probes, limits, unprivileged pods and pinned images; env keys the services really read; config that points
 * at the Kafka and PostgreSQL the overlay creates; every topic a service uses declared as a KafkaTopic; KEDA within the
 * partitions; NetworkPolicies per service; monitoring wired to the services.
 */
class KubernetesOverlaysTest {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void rendersEveryResourceIntoOneNamespace(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, Long> kinds = r.resources.stream()
                .collect(Collectors.groupingBy(x -> x.path("kind").asText(), TreeMap::new, Collectors.counting()));
        System.out.println("overlay " + overlay + ": " + r.resources.size() + " resources " + kinds);

        List<JsonNode> namespaces = r.ofKind("Namespace");
        assertThat(namespaces).as("one Namespace").hasSize(1);
        String ns = Rendered.name(namespaces.get(0));
        for (JsonNode resource : r.resources) {
            if (!resource.path("kind").asText().equals("Namespace")) {
                assertThat(resource.path("metadata").path("namespace").asText())
                        .as("namespace of %s %s", resource.path("kind").asText(), Rendered.name(resource)).isEqualTo(ns);
            }
        }
        assertThat(kinds.keySet()).contains("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                "ScaledObject", "NetworkPolicy", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "Database",
                "ServiceMonitor", "PrometheusRule", "ConfigMap");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void deploymentsProbeLimitAndRunUnprivilegedFromPinnedImages(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertThat(r.ofKind("Deployment").stream().map(Rendered::name)).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            JsonNode pod = r.get("Deployment", svc).path("spec").path("template").path("spec");
            JsonNode container = mainContainer(pod, svc);
            int port = ServiceModule.of(svc).httpPort();

            String image = container.path("image").asText();
            soft.assertThat(Repo.pinned(image)).as("%s image %s is pinned", svc, image).isTrue();
            soft.assertThat(image).as("%s image", svc).isEqualTo("ghcr.io/dyad-news/" + svc + ":0.1.0");

            soft.assertThat(containerPort(container, "http")).as("%s container port http", svc).contains(port);
            for (String[] probe : new String[][] {{"livenessProbe", "/q/health/live"}, {"readinessProbe", "/q/health/ready"}}) {
                JsonNode get = container.path(probe[0]).path("httpGet");
                soft.assertThat(get.path("path").asText()).as("%s %s path", svc, probe[0]).isEqualTo(probe[1]);
                soft.assertThat(resolvePort(container, get.path("port"))).as("%s %s port", svc, probe[0]).contains(port);
            }

            if (container.has("startupProbe")) {
                soft.assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
                        .as("%s startupProbe path", svc).isEqualTo("/q/health/started");
            }

            JsonNode resources = container.path("resources");
            for (String section : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    soft.assertThat(resources.path(section).path(resource).asText(""))
                            .as("%s resources.%s.%s", svc, section, resource).isNotBlank();
                }
            }
            soft.assertThat(bytes(resources.path("requests").path("memory").asText()))
                    .as("%s memory request <= limit", svc)
                    .isLessThanOrEqualTo(bytes(resources.path("limits").path("memory").asText()));

            JsonNode podSecurity = pod.path("securityContext");
            JsonNode security = container.path("securityContext");
            soft.assertThat(podSecurity.path("runAsNonRoot").asBoolean(false) || security.path("runAsNonRoot").asBoolean(false))
                    .as("%s runAsNonRoot", svc).isTrue();
            soft.assertThat(security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(185)))
                    .as("%s runAsUser", svc).isNotZero();
            soft.assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as("%s readOnlyRootFilesystem", svc).isTrue();
            soft.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("%s allowPrivilegeEscalation", svc).isFalse();
            soft.assertThat(texts(security.path("capabilities").path("drop"))).as("%s drops capabilities", svc).contains("ALL");
            soft.assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
                    .as("%s seccomp", svc).isEqualTo("RuntimeDefault");

            // a read-only root filesystem needs a writable /tmp for the JVM and Vert.x
            Optional<String> tmpVolume = findAll(container.path("volumeMounts")).stream()
                    .filter(m -> m.path("mountPath").asText().equals("/tmp")).map(m -> m.path("name").asText()).findFirst();
            soft.assertThat(tmpVolume).as("%s mounts /tmp", svc).isPresent();
            tmpVolume.ifPresent(v -> soft.assertThat(findAll(pod.path("volumes")).stream()
                    .anyMatch(vol -> vol.path("name").asText().equals(v) && vol.has("emptyDir")))
                    .as("%s /tmp is an emptyDir", svc).isTrue());

            String account = pod.path("serviceAccountName").asText();
            soft.assertThat(r.find("ServiceAccount", account)).as("%s service account %s", svc, account).isPresent();
            soft.assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("%s mounts no API token", svc).isFalse();
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvKeyIsAConfigKeyTheServiceReads(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            ServiceModule module = ServiceModule.of(svc);
            Map<String, String> env = environment(r, svc);
            assertThat(env).as("%s gets config from a ConfigMap", svc).containsKeys("QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS");
            for (String key : env.keySet()) {
                soft.assertThat(module.whyNotAConfigKey(key)).as("%s env %s", svc, key).isEmpty();
            }
            soft.assertThat(env.get("QUARKUS_HTTP_PORT")).as("%s QUARKUS_HTTP_PORT", svc)
                    .isEqualTo(String.valueOf(module.httpPort()));
            // SSRF guard on: a cluster's services must not fetch or call private, loopback or metadata addresses
            env.entrySet().stream().filter(e -> e.getKey().contains("ALLOW_PRIVATE"))
                    .forEach(e -> soft.assertThat(e.getValue()).as("%s %s on a cluster", svc, e.getKey()).isEqualTo("false"));
            if (module.mappingKeys.contains("dyad.egress.allow-private")) {
                soft.assertThat(env.get("DYAD_EGRESS_ALLOW_PRIVATE")).as("%s says DYAD_EGRESS_ALLOW_PRIVATE=false outright", svc)
                        .isEqualTo("false");
            }
            if (module.usesDatabase()) {
                soft.assertThat(env).as("%s database settings", svc).containsKeys("QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            } else {
                soft.assertThat(env.keySet()).as("%s has no database", svc).noneMatch(k -> k.startsWith("QUARKUS_DATASOURCE"));
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void configPointsAtTheKafkaAndPostgresTheOverlayCreates(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        JsonNode kafka = single(r, "Kafka");
        String bootstrap = Rendered.name(kafka) + "-kafka-bootstrap";
        Set<Integer> plainPorts = findAll(kafka.path("spec").path("kafka").path("listeners")).stream()
                .filter(l -> !l.path("tls").asBoolean(false)).map(l -> l.path("port").asInt()).collect(Collectors.toSet());
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            Map<String, String> env = environment(r, svc);
            String servers = env.get("KAFKA_BOOTSTRAP_SERVERS");
            for (String server : servers.split(",")) {
                String host = server.substring(0, server.lastIndexOf(':'));
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                soft.assertThat(host).as("%s Kafka host", svc).matches(Pattern.quote(bootstrap) + "(\\..+)?");
                soft.assertThat(plainPorts).as("%s Kafka port %s is a plain listener", svc, port).contains(port);
            }
            if (!ServiceModule.of(svc).usesDatabase()) {
                continue;
            }
            Matcher jdbc = JDBC.matcher(env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", ""));
            assertThat(jdbc.matches()).as("%s JDBC URL %s", svc, env.get("QUARKUS_DATASOURCE_JDBC_URL")).isTrue();
            String host = jdbc.group(1);
            soft.assertThat(jdbc.group(2) == null ? 5432 : Integer.parseInt(jdbc.group(2))).as("%s PostgreSQL port", svc)
                    .isEqualTo(5432);
            Optional<JsonNode> cluster = r.ofKind("Cluster").stream()
                    .filter(c -> host.equals(Rendered.name(c) + "-rw")).findFirst();
            soft.assertThat(cluster).as("%s connects to the primary (<cluster>-rw) of a CloudNativePG Cluster: %s", svc, host)
                    .isPresent();
            if (cluster.isEmpty()) {
                continue;
            }
            String clusterName = Rendered.name(cluster.get());
            Optional<JsonNode> database = r.ofKind("Database").stream()
                    .filter(d -> d.path("spec").path("cluster").path("name").asText().equals(clusterName)
                            && d.path("spec").path("name").asText().equals(jdbc.group(3)))
                    .findFirst();
            soft.assertThat(database).as("%s database %s is declared in %s", svc, jdbc.group(3), clusterName).isPresent();
            String secret = secretOf(r, svc, "QUARKUS_DATASOURCE_PASSWORD");
            soft.assertThat(secretOf(r, svc, "QUARKUS_DATASOURCE_USERNAME")).as("%s username and password", svc)
                    .isEqualTo(secret);
            Optional<JsonNode> role = findAll(cluster.get().path("spec").path("managed").path("roles")).stream()
                    .filter(x -> x.path("passwordSecret").path("name").asText().equals(secret)).findFirst();
            soft.assertThat(role).as("%s's secret %s sets the password of a managed role", svc, secret).isPresent();
            role.ifPresent(x -> {
                soft.assertThat(x.path("login").asBoolean(false)).as("role %s can log in", x.path("name").asText()).isTrue();
                database.ifPresent(d -> soft.assertThat(d.path("spec").path("owner").asText())
                        .as("%s owns its database", svc).isEqualTo(x.path("name").asText()));
                r.find("Secret", secret).ifPresent(s -> {
                    soft.assertThat(s.path("type").asText()).as("secret %s type", secret).isEqualTo("kubernetes.io/basic-auth");
                    soft.assertThat(secretValue(s, "username")).as("secret %s username", secret).isEqualTo(x.path("name").asText());
                });
            });
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void referencedConfigMapsExistAndSecretsExistOrAreDocumented(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        String readme = Repo.read("deploy/README.md");
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            JsonNode container = mainContainer(r.get("Deployment", svc).path("spec").path("template").path("spec"), svc);
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("configMapRef")) {
                    soft.assertThat(r.find("ConfigMap", from.path("configMapRef").path("name").asText()))
                            .as("%s ConfigMap", svc).isPresent();
                }
                soft.assertThat(from.has("secretRef")).as("%s: secrets by key, not envFrom", svc).isFalse();
            }
            for (JsonNode env : container.path("env")) {
                soft.assertThat(env.has("value") && env.path("name").asText().matches(".*(PASSWORD|SECRET|TOKEN|KEY)$"))
                        .as("%s %s is a literal secret", svc, env.path("name").asText()).isFalse();
            }
        }
        for (String secret : referencedSecrets(r)) {
            if (r.find("Secret", secret).isEmpty()) {
                soft.assertThat(readme).as("secret %s is not rendered by %s, so deploy/README.md must tell operators to "
                        + "create it", secret, overlay).contains("`" + secret + "`");
            }
        }
        for (JsonNode cm : r.ofKind("ConfigMap")) {
            cm.path("data").fieldNames().forEachRemaining(k -> soft.assertThat(k)
                    .as("ConfigMap %s holds no secret", Rendered.name(cm)).doesNotMatch(".*(PASSWORD|SECRET|TOKEN|API_KEY).*"));
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void servicesWithAnAdminApiReadTheAdminKeyFromOneSecret(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> withAdminApi = new LinkedHashSet<>();
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            boolean readsKey = ServiceModule.of(svc).mappingKeys.contains("dyad.admin.api-key");
            JsonNode container = mainContainer(r.get("Deployment", svc).path("spec").path("template").path("spec"), svc);
            Optional<JsonNode> entry = findAll(container.path("env")).stream()
                    .filter(e -> e.path("name").asText().equals("DYAD_ADMIN_API_KEY")).findFirst();
            if (!readsKey) {
                soft.assertThat(entry).as("%s has no admin API, so no admin key", svc).isEmpty();
                continue;
            }
            withAdminApi.add(svc);
            // without the key the service refuses its admin API outright; a literal value would be a secret in git
            soft.assertThat(entry).as("%s sets DYAD_ADMIN_API_KEY", svc).isPresent();
            entry.ifPresent(e -> {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                soft.assertThat(ref.path("name").asText()).as("%s DYAD_ADMIN_API_KEY from a Secret", svc).isNotBlank();
                soft.assertThat(ref.path("optional").asBoolean(false)).as("%s admin key Secret is required", svc).isFalse();
                secrets.add(ref.path("name").asText() + "/" + ref.path("key").asText());
            });
        }
        assertThat(withAdminApi).as("services with an admin API").contains("ingest-service", "alert-service");
        soft.assertThat(secrets).as("one operators' key for every service").hasSize(1);
        soft.assertAll();
        String[] nameAndKey = secrets.iterator().next().split("/", 2);
        Optional<JsonNode> secret = r.find("Secret", nameAndKey[0]);
        if (overlay.equals("dev")) {
            assertThat(secret).as("the dev overlay generates %s", nameAndKey[0]).isPresent();
            // alert-service refuses to start with a shorter key
            assertThat(secretValue(secret.get(), nameAndKey[1])).as("dev admin key").hasSizeGreaterThanOrEqualTo(24);
        } else {
            assertThat(secret).as("%s keeps the admin key out of git", overlay).isEmpty();
            assertThat(Repo.read("deploy/README.md")).as("deploy/README.md tells operators to create it")
                    .contains("`" + nameAndKey[0] + "`", "DYAD_ADMIN_API_KEY", "--from-literal=" + nameAndKey[1] + "=");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void kafkaRunsKraftNodePoolsAndEveryTopicTheServicesUseIsAKafkaTopic(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        JsonNode kafka = single(r, "Kafka");
        String cluster = Rendered.name(kafka);
        assertThat(kafka.path("spec").path("kafka").path("version").asText()).as("Kafka version pinned")
                .matches("\\d+\\.\\d+\\.\\d+");
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asText())
                .as("topics only from KafkaTopic resources").isEqualTo("false");

        List<JsonNode> pools = r.ofKind("KafkaNodePool").stream()
                .filter(p -> cluster.equals(p.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                .toList();
        assertThat(pools).as("node pools of %s", cluster).isNotEmpty();
        assertThat(pools.stream().anyMatch(p -> texts(p.path("spec").path("roles")).contains("controller")))
                .as("a KRaft controller pool").isTrue();
        int brokers = pools.stream().filter(p -> texts(p.path("spec").path("roles")).contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        assertThat(brokers).as("brokers").isPositive();
        int defaultRf = kafka.path("spec").path("kafka").path("config").path("default.replication.factor").asInt(1);
        assertThat(defaultRf).as("default.replication.factor <= brokers").isLessThanOrEqualTo(brokers);

        Map<String, JsonNode> topics = topicsByName(r);
        SoftAssertions soft = new SoftAssertions();
        Set<String> used = new LinkedHashSet<>();
        for (String svc : Repo.SERVICES) {
            Set<String> serviceTopics = ServiceModule.of(svc).topics();
            soft.assertThat(serviceTopics).as("%s uses Kafka", svc).isNotEmpty();
            used.addAll(serviceTopics);
        }
        for (String topic : used) {
            JsonNode t = topics.get(topic);
            soft.assertThat(t).as("KafkaTopic for %s", topic).isNotNull();
            if (t == null) {
                continue;
            }
            JsonNode spec = t.path("spec");
            soft.assertThat(spec.path("partitions").asInt()).as("%s partitions", topic).isEqualTo(12);
            soft.assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as("%s cluster", topic)
                    .isEqualTo(cluster);
            soft.assertThat(spec.path("replicas").asInt()).as("%s replicas <= brokers", topic).isBetween(1, brokers);
            soft.assertThat(spec.path("config").path("min.insync.replicas").asInt(1))
                    .as("%s min.insync.replicas leaves room for one broker down", topic)
                    .isLessThanOrEqualTo(Math.max(1, spec.path("replicas").asInt() - 1));
            soft.assertThat(spec.path("config").path("retention.ms").asLong()).as("%s retention", topic).isPositive();
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void kedaScalesClassifyAndAlertOnTheirLagWithinThePartitions(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        String ns = Rendered.name(single(r, "Namespace"));
        String bootstrap = Rendered.name(single(r, "Kafka")) + "-kafka-bootstrap";
        Map<String, JsonNode> topics = topicsByName(r);
        Map<String, JsonNode> scaledObjects = r.ofKind("ScaledObject").stream()
                .collect(Collectors.toMap(so -> so.path("spec").path("scaleTargetRef").path("name").asText(), so -> so));
        assertThat(scaledObjects.keySet()).containsExactlyInAnyOrder("classify-service", "alert-service");
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, JsonNode> e : scaledObjects.entrySet()) {
            String svc = e.getKey();
            JsonNode spec = e.getValue().path("spec");
            soft.assertThat(r.find("Deployment", svc)).as("ScaledObject target %s", svc).isPresent();
            List<JsonNode> triggers = findAll(spec.path("triggers")).stream()
                    .filter(t -> t.path("type").asText().equals("kafka")).toList();
            assertThat(triggers).as("%s Kafka lag trigger", svc).hasSize(1);
            JsonNode meta = triggers.get(0).path("metadata");
            String topic = meta.path("topic").asText();
            JsonNode kafkaTopic = topics.get(topic);
            soft.assertThat(kafkaTopic).as("%s trigger topic %s is a KafkaTopic", svc, topic).isNotNull();
            int partitions = kafkaTopic == null ? 0 : kafkaTopic.path("spec").path("partitions").asInt();
            int max = spec.path("maxReplicaCount").asInt(100);
            soft.assertThat(max).as("%s maxReplicaCount <= %s partitions of %s", svc, partitions, topic)
                    .isLessThanOrEqualTo(partitions);
            soft.assertThat(spec.path("minReplicaCount").asInt(0)).as("%s keeps a replica for its API", svc)
                    .isBetween(1, max);
            soft.assertThat(ServiceModule.of(svc).consumerGroupOf(topic)).as("%s consumes %s in the trigger's group", svc, topic)
                    .contains(meta.path("consumerGroup").asText());
            soft.assertThat(meta.path("lagThreshold").asInt(0)).as("%s lagThreshold", svc).isPositive();
            soft.assertThat(meta.path("allowIdleConsumers").asText("false")).as("%s allowIdleConsumers", svc).isEqualTo("false");
            // the KEDA operator resolves this name from its own namespace
            soft.assertThat(meta.path("bootstrapServers").asText()).as("%s bootstrapServers", svc)
                    .matches(Pattern.quote(bootstrap + "." + ns + ".svc") + "(\\.cluster\\.local)?:\\d+");
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void ingestScalesOnCpuAndAutoscaledDeploymentsLeaveReplicasToTheAutoscaler(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        JsonNode hpa = r.get("HorizontalPodAutoscaler", "ingest-service").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo("ingest-service");
        assertThat(findAll(hpa.path("metrics")).stream().anyMatch(m -> m.path("resource").path("name").asText().equals("cpu")))
                .as("ingest-service HPA on CPU").isTrue();
        assertThat(hpa.path("minReplicas").asInt()).isBetween(1, hpa.path("maxReplicas").asInt());

        Set<String> autoscaled = new LinkedHashSet<>();
        r.ofKind("HorizontalPodAutoscaler").forEach(h -> autoscaled.add(h.path("spec").path("scaleTargetRef").path("name").asText()));
        r.ofKind("ScaledObject").forEach(s -> autoscaled.add(s.path("spec").path("scaleTargetRef").path("name").asText()));
        assertThat(autoscaled).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        for (String svc : autoscaled) {
            assertThat(r.get("Deployment", svc).path("spec").has("replicas"))
                    .as("%s sets no spec.replicas (a re-apply would reset the autoscaler's count)", svc).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasAServiceAndADisruptionBudget(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            JsonNode template = r.get("Deployment", svc).path("spec").path("template");
            JsonNode labels = template.path("metadata").path("labels");
            JsonNode container = mainContainer(template.path("spec"), svc);
            List<JsonNode> services = r.ofKind("Service").stream()
                    .filter(s -> Rendered.selects(s.path("spec").path("selector"), labels)).toList();
            soft.assertThat(services).as("Service for %s", svc).hasSize(1);
            services.forEach(s -> findAll(s.path("spec").path("ports")).forEach(p -> soft
                    .assertThat(resolvePort(container, p.path("targetPort"))).as("%s Service targetPort", svc)
                    .contains(ServiceModule.of(svc).httpPort())));
            List<JsonNode> pdbs = r.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> Rendered.selects(p.path("spec").path("selector"), labels)).toList();
            soft.assertThat(pdbs).as("PodDisruptionBudget for %s", svc).hasSize(1);
            pdbs.forEach(p -> soft.assertThat(p.path("spec").has("maxUnavailable") || p.path("spec").has("minAvailable"))
                    .as("%s PDB bound", svc).isTrue());
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesConfineEachService(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        JsonNode kafka = single(r, "Kafka");
        String pg = Rendered.name(single(r, "Cluster"));
        SoftAssertions soft = new SoftAssertions();
        for (String svc : Repo.SERVICES) {
            JsonNode labels = r.get("Deployment", svc).path("spec").path("template").path("metadata").path("labels");
            List<JsonNode> policies = r.ofKind("NetworkPolicy").stream()
                    .filter(p -> Rendered.selects(p.path("spec").path("podSelector"), labels)).toList();
            assertThat(policies).as("NetworkPolicy for %s", svc).hasSize(1);
            JsonNode spec = policies.get(0).path("spec");
            soft.assertThat(texts(spec.path("policyTypes"))).as("%s policy types", svc).contains("Ingress", "Egress");

            List<JsonNode> egress = findAll(spec.path("egress"));
            for (JsonNode rule : egress) {
                soft.assertThat(rule.path("to").size()).as("%s: an egress rule without 'to' allows everything", svc).isPositive();
            }
            soft.assertThat(allows(egress, p -> p.path("podSelector").path("matchLabels").path("k8s-app").asText().equals("kube-dns"), 53))
                    .as("%s reaches DNS", svc).isTrue();
            soft.assertThat(allows(egress, p -> p.path("podSelector").path("matchLabels").path("strimzi.io/cluster").asText()
                    .equals(Rendered.name(kafka)), 9092)).as("%s reaches the Kafka brokers", svc).isTrue();
            boolean database = ServiceModule.of(svc).usesDatabase();
            soft.assertThat(allows(egress, p -> p.path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText().equals(pg), 5432))
                    .as("%s reaches PostgreSQL", svc).isEqualTo(database);

            List<JsonNode> blocks = egress.stream().flatMap(rule -> findAll(rule.path("to")).stream())
                    .filter(p -> p.has("ipBlock")).map(p -> p.path("ipBlock")).toList();
            if (svc.equals("classify-service")) {
                soft.assertThat(blocks).as("classify-service: Kafka only, no addresses").isEmpty();
                soft.assertThat(egress).as("classify-service egress rules: DNS and Kafka").hasSize(2);
                continue;
            }
            // ingest fetches feeds, alert calls webhooks and SMTP: the internet, but nothing internal or metadata
            soft.assertThat(blocks.stream().anyMatch(b -> b.path("cidr").asText().equals("0.0.0.0/0")))
                    .as("%s reaches the internet", svc).isTrue();
            for (JsonNode block : blocks) {
                Cidr allowed = Cidr.parse(block.path("cidr").asText());
                List<Cidr> except = texts(block.path("except")).stream().map(Cidr::parse).toList();
                for (String internal : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
                        "127.0.0.0/8", "169.254.0.0/16", "169.254.169.254/32", "100.100.100.200/32", "fc00::/7",
                        "fe80::/10", "::1/128", "fd00:ec2::254/128")) {
                    Cidr range = Cidr.parse(internal);
                    if (allowed.contains(range)) {
                        soft.assertThat(except.stream().anyMatch(x -> x.contains(range)))
                                .as("%s egress to %s excludes %s", svc, block.path("cidr").asText(), internal).isTrue();
                    }
                }
            }
            if (svc.equals("alert-service")) {
                soft.assertThat(allows(egress, p -> p.has("ipBlock"), 587)).as("alert-service reaches SMTP submission").isTrue();
            }
            soft.assertThat(allows(egress, p -> p.has("ipBlock"), 443)).as("%s reaches HTTPS", svc).isTrue();
        }
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void monitoringScrapesTheServicesAndAlertsOnThePipeline(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        JsonNode monitor = single(r, "ServiceMonitor");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        for (String svc : Repo.SERVICES) {
            JsonNode service = r.get("Service", svc);
            assertThat(Rendered.selects(monitor.path("spec").path("selector"), service.path("metadata").path("labels")))
                    .as("ServiceMonitor selects Service %s", svc).isTrue();
            assertThat(findAll(service.path("spec").path("ports")).stream()
                    .anyMatch(p -> p.path("name").asText().equals(endpoint.path("port").asText())))
                    .as("Service %s has the scraped port", svc).isTrue();
        }
        assertThat(single(r, "Kafka").path("spec").has("kafkaExporter")).as("Kafka Exporter for lag metrics").isTrue();
        assertThat(r.ofKind("PodMonitor")).as("PodMonitor for the Kafka Exporter").isNotEmpty();

        String rules = PromQl.expressions(r.ofKind("PrometheusRule")).toString();
        assertThat(rules).as("consumer lag").contains("kafka_consumergroup_lag");
        assertThat(rules).as("DLQ growth").contains("kafka_topic_partition_current_offset").contains("dlq");
        assertThat(rules).as("delivery failures").contains("dyad_alert_deliveries_total");
        assertThat(rules).as("failing sources").contains("dyad_ingest_fetches_total");
        assertThat(rules).as("publication to delivery latency").contains("dyad_alert_delivery_latency_seconds_bucket");

        JsonNode dashboard = r.ofKind("ConfigMap").stream()
                .filter(cm -> cm.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1")).findFirst()
                .orElseThrow(() -> new AssertionError("no Grafana dashboard ConfigMap (label grafana_dashboard=1)"));
        JsonNode json = Repo.json(dashboard.path("data").elements().next().asText());
        assertThat(json.path("title").asText()).isNotBlank();
        assertThat(PromQl.dashboardExpressions(json)).as("dashboard queries").hasSizeGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void operatorImagesAndVersionsArePinned(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (JsonNode cluster : r.ofKind("Cluster")) {
            assertThat(Repo.pinned(cluster.path("spec").path("imageName").asText()))
                    .as("PostgreSQL image of %s", Rendered.name(cluster)).isTrue();
        }
        for (JsonNode resource : r.resources) {
            resource.findValues("image").forEach(image -> assertThat(Repo.pinned(image.asText()))
                    .as("image %s in %s %s", image.asText(), resource.path("kind").asText(), Rendered.name(resource)).isTrue());
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    static JsonNode single(Rendered r, String kind) {
        List<JsonNode> found = r.ofKind(kind);
        assertThat(found).as("one %s in overlay %s", kind, r.overlay).hasSize(1);
        return found.get(0);
    }

    static JsonNode mainContainer(JsonNode podSpec, String name) {
        return findAll(podSpec.path("containers")).stream().filter(c -> c.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    /** The env a service's container gets: its ConfigMaps' data (envFrom) and its env entries (values or references). */
    static Map<String, String> environment(Rendered r, String svc) {
        JsonNode container = mainContainer(r.get("Deployment", svc).path("spec").path("template").path("spec"), svc);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            r.find("ConfigMap", from.path("configMapRef").path("name").asText())
                    .ifPresent(cm -> cm.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText())));
        }
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "<from " + e.path("valueFrom") + ">");
        }
        return env;
    }

    private static String secretOf(Rendered r, String svc, String env) {
        JsonNode container = mainContainer(r.get("Deployment", svc).path("spec").path("template").path("spec"), svc);
        return findAll(container.path("env")).stream().filter(e -> e.path("name").asText().equals(env))
                .map(e -> e.path("valueFrom").path("secretKeyRef").path("name").asText()).findFirst()
                .orElseThrow(() -> new AssertionError(svc + " takes " + env + " from no Secret"));
    }

    private static String secretValue(JsonNode secret, String key) {
        if (secret.path("stringData").has(key)) {
            return secret.path("stringData").path(key).asText();
        }
        return new String(java.util.Base64.getDecoder().decode(secret.path("data").path(key).asText()),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Secrets named anywhere in the rendered resources: secretKeyRef, secretRef, passwordSecret, secret, ... */
    private static Set<String> referencedSecrets(Rendered r) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode resource : r.resources) {
            for (String field : List.of("secretKeyRef", "secretRef", "passwordSecret", "secret")) {
                resource.findValues(field).forEach(v -> {
                    if (v.has("name")) {
                        names.add(v.path("name").asText());
                    }
                });
            }
            // ObjectStore credentials: {name, key} objects under s3Credentials
            resource.findValues("s3Credentials").forEach(c -> c.elements().forEachRemaining(v -> {
                if (v.has("name")) {
                    names.add(v.path("name").asText());
                }
            }));
        }
        return names;
    }

    private static Map<String, JsonNode> topicsByName(Rendered r) {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (JsonNode t : r.ofKind("KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(Rendered.name(t)), t);
        }
        return topics;
    }

    private static boolean allows(List<JsonNode> egress, java.util.function.Predicate<JsonNode> peer, int port) {
        return egress.stream().anyMatch(rule -> findAll(rule.path("to")).stream().anyMatch(peer)
                && (!rule.has("ports") || findAll(rule.path("ports")).stream().anyMatch(p -> p.path("port").asInt() == port)));
    }

    private static Optional<Integer> containerPort(JsonNode container, String name) {
        return findAll(container.path("ports")).stream().filter(p -> p.path("name").asText().equals(name))
                .map(p -> p.path("containerPort").asInt()).findFirst();
    }

    private static Optional<Integer> resolvePort(JsonNode container, JsonNode port) {
        return port.isInt() ? Optional.of(port.asInt()) : containerPort(container, port.asText());
    }

    static List<JsonNode> findAll(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)([KMGT]i?)?").matcher(quantity);
        if (!m.matches()) {
            throw new AssertionError("unexpected memory quantity " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        int power = "KMGT".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0)) + 1;
        long base = unit.endsWith("i") ? 1024 : 1000;
        for (int i = 0; i < power; i++) {
            n *= base;
        }
        return n;
    }
}
