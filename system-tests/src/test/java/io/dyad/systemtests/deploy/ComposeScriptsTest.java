package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dyad.testsupport.FreePorts;
import io.dyad.testsupport.LocalPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's setup scripts, run for real: init-databases.sh against a throwaway PostgreSQL (with psql, as the
 * postgres image runs it), create-topics.sh with its Kafka CLI replaced by a recorder of the calls it makes, and the
 * demo's register_demo.py against a stand-in for the two APIs that, like the services, answers only the admin key.
 */
class ComposeScriptsTest {

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{(\\w+):-([^}]*)}");

    @Test
    void initDatabasesCreatesOneOwnedDatabasePerStatefulServiceThatOnlyItsRoleMayUse() throws Exception {
        Optional<Path> psql = psql();
        assumeTrue(psql.isPresent(), "psql is not installed");
        JsonNode postgres = Repo.yaml("docker-compose.yml").path("services").path("postgres");
        Map<String, String> composeEnv = new LinkedHashMap<>();
        postgres.path("environment").fields().forEachRemaining(e -> composeEnv.put(e.getKey(), resolve(e.getValue().asText())));

        Path dataDir = Paths.get(System.getProperty("java.io.tmpdir"), "dyad-compose-pg-" + UUID.randomUUID().toString().substring(0, 8));
        LocalPostgres pg = LocalPostgres.startCluster(dataDir, FreePorts.next(), true);
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", Repo.path(ComposeScripts.INIT_DATABASES).toString())
                    .redirectErrorStream(true);
            pb.environment().putAll(composeEnv);
            pb.environment().put("POSTGRES_USER", LocalPostgres.USER); // the superuser the image's entrypoint uses
            pb.environment().put("PGHOST", pg.host());
            pb.environment().put("PGPORT", String.valueOf(pg.port()));
            pb.environment().put("PGPASSWORD", LocalPostgres.PASSWORD);
            pb.environment().put("PATH", psql.get().getParent() + ":" + System.getenv("PATH"));
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("init-databases.sh output:\n%s", output).isZero();

            Map<String, String> owners = ComposeScripts.databasesAndOwners();
            assertThat(owners).as("databases the script creates").hasSize(2).containsKeys("dyad_ingest", "dyad_alert");
            SoftAssertions soft = new SoftAssertions();
            try (Connection admin = DriverManager.getConnection(pg.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
                for (Map.Entry<String, String> e : owners.entrySet()) {
                    String db = e.getKey();
                    String role = e.getValue();
                    soft.assertThat(query(admin, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?", db))
                            .as("owner of %s", db).isEqualTo(role);
                    soft.assertThat(query(admin, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?", role))
                            .as("%s can log in", role).isEqualTo("true");
                    soft.assertThat(query(admin, "SELECT (rolpassword IS NOT NULL)::text FROM pg_authid WHERE rolname = ?", role))
                            .as("%s has a password", role).isEqualTo("true");
                    for (String other : owners.keySet()) {
                        String allowed = query(admin, "SELECT has_database_privilege(?, '" + other + "', 'CONNECT')::text", role);
                        soft.assertThat(allowed).as("%s may connect to %s", role, other).isEqualTo(String.valueOf(other.equals(db)));
                    }
                    // what Flyway does on first start: create tables in its own database, as its own role
                    try (Connection own = DriverManager.getConnection(pg.jdbcUrl(db), role, "unused-trust-auth");
                            Statement st = own.createStatement()) {
                        st.execute("CREATE TABLE deploy_check (id bigint PRIMARY KEY)");
                        st.execute("DROP TABLE deploy_check");
                    } catch (SQLException ex) {
                        soft.fail("%s cannot create a table in %s: %s", role, db, ex.getMessage());
                    }
                }
            }
            soft.assertAll();
        } finally {
            pg.stop();
            deleteRecursively(dataDir);
        }
    }

    @Test
    void createTopicsCreatesEveryTopicTheServicesUseLikeTheKafkaTopicResources() throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "bash is not installed");
        Map<String, String> composeEnv = new LinkedHashMap<>();
        JsonNode job = Repo.yaml("docker-compose.yml").path("services").path("kafka-topics");
        job.path("environment").fields().forEachRemaining(e -> composeEnv.put(e.getKey(), resolve(e.getValue().asText())));
        assertThat(job.path("volumes").toString()).contains(ComposeScripts.CREATE_TOPICS);

        Path dir = Files.createTempDirectory("dyad-topics");
        try {
            Path calls = dir.resolve("calls");
            Path recorder = dir.resolve("kafka-topics.sh");
            // records each call's arguments, one per line, each call ended by a line "--"
            Files.writeString(recorder, "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" + calls
                    + "'\necho -- >> '" + calls + "'\n");
            Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", Repo.path(ComposeScripts.CREATE_TOPICS).toString())
                    .redirectErrorStream(true);
            pb.environment().putAll(composeEnv);
            pb.environment().put("KAFKA_TOPICS_CMD", recorder.toString());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("create-topics.sh output:\n%s", output).isZero();

            Map<String, List<String>> created = new LinkedHashMap<>();
            List<String> call = new ArrayList<>();
            for (String line : Files.readAllLines(calls)) {
                if (line.equals("--")) {
                    if (call.contains("--create")) {
                        created.put(argument(call, "--topic"), List.copyOf(call));
                    }
                    call.clear();
                } else {
                    call.add(line);
                }
            }
            Map<String, Long> k8sRetention = new LinkedHashMap<>();
            for (JsonNode topic : Repo.yamlDocuments(Repo.read("deploy/k8s/base/kafka/topics.yaml"))) {
                k8sRetention.put(topic.path("spec").path("topicName").asText(),
                        topic.path("spec").path("config").path("retention.ms").asLong());
            }
            SoftAssertions soft = new SoftAssertions();
            List<String> used = new ArrayList<>();
            Repo.SERVICES.forEach(svc -> used.addAll(ServiceModule.of(svc).topics()));
            soft.assertThat(created.keySet()).as("topics created").containsAll(used);
            soft.assertThat(created.keySet()).as("topics created = KafkaTopic resources")
                    .containsExactlyInAnyOrderElementsOf(k8sRetention.keySet());
            for (Map.Entry<String, List<String>> e : created.entrySet()) {
                List<String> args = e.getValue();
                soft.assertThat(argument(args, "--partitions")).as("%s partitions", e.getKey()).isEqualTo("12");
                soft.assertThat(argument(args, "--replication-factor")).as("%s replication", e.getKey())
                        .isEqualTo(composeEnv.get("REPLICATION_FACTOR"));
                soft.assertThat(argument(args, "--bootstrap-server")).as("%s broker", e.getKey())
                        .isEqualTo(composeEnv.get("BOOTSTRAP_SERVERS"));
                soft.assertThat(args).as("%s may run again", e.getKey()).contains("--if-not-exists");
                soft.assertThat(args).as("%s retention as on Kubernetes", e.getKey())
                        .contains("retention.ms=" + k8sRetention.get(e.getKey()));
            }
            soft.assertAll();
        } finally {
            deleteRecursively(dir);
        }
    }

    @Test
    void registerDemoSendsTheServicesAdminKeyAndRegistersTheSourceAndSubscriptionOnce() throws Exception {
        Optional<Path> python = executable("python3");
        assumeTrue(python.isPresent(), "python3 is not installed");
        JsonNode services = Repo.yaml("docker-compose.yml").path("services");
        Map<String, String> demoEnv = new LinkedHashMap<>();
        services.path("demo").path("environment").fields()
                .forEachRemaining(e -> demoEnv.put(e.getKey(), resolve(e.getValue().asText())));
        String ingestKey = resolve(services.path("ingest-service").path("environment").path("DYAD_ADMIN_API_KEY").asText());
        String alertKey = resolve(services.path("alert-service").path("environment").path("DYAD_ADMIN_API_KEY").asText());
        assertThat(ingestKey).as("ingest-service's admin key in compose").isNotBlank();
        assertThat(alertKey).as("alert-service's admin key in compose").isEqualTo(ingestKey);

        FakeApis apis = new FakeApis(ingestKey);
        try {
            demoEnv.put("INGEST_URL", apis.url());
            demoEnv.put("ALERT_URL", apis.url());
            Path script = Repo.path("deploy/compose/demo/register_demo.py");

            Run first = run(python.get(), script, demoEnv);
            assertThat(first.exit()).as("first run:\n%s", first.output()).isZero();
            assertThat(apis.calls).as("first run's calls").containsExactly("GET /subscriptions", "POST /subscriptions",
                    "GET /sources", "POST /sources", "POST /sources/1/fetch");
            assertThat(apis.subscriptions).hasSize(1);
            assertThat(apis.subscriptions.get(0).path("filter").path("pairs").toString()).contains("US-MX");
            assertThat(apis.subscriptions.get(0).path("channel").path("url").asText()).isEqualTo(demoEnv.get("WEBHOOK_URL"));
            assertThat(apis.sources).hasSize(1);
            assertThat(apis.sources.get(0).path("url").asText()).isEqualTo(demoEnv.get("FEED_URL"));
            assertThat(first.output()).as("the key is never printed").doesNotContain(ingestKey);

            apis.calls.clear();
            Run again = run(python.get(), script, demoEnv);
            assertThat(again.exit()).as("second run:\n%s", again.output()).isZero();
            assertThat(apis.calls).as("a second run creates nothing").containsExactly("GET /subscriptions",
                    "GET /sources", "POST /sources/1/fetch");
            assertThat(apis.subscriptions).hasSize(1);
            assertThat(apis.sources).hasSize(1);

            apis.calls.clear();
            demoEnv.put("DYAD_ADMIN_API_KEY", "not-the-services-key-0123456789");
            Run wrongKey = run(python.get(), script, demoEnv);
            assertThat(wrongKey.exit()).as("a refused key stops the demo").isNotZero();
            assertThat(wrongKey.output()).contains("401", "DYAD_ADMIN_API_KEY").doesNotContain("not-the-services-key");
            assertThat(apis.calls).containsExactly("GET /subscriptions");
        } finally {
            apis.stop();
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path python, Path script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-u", script.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("register_demo.py finished").isTrue();
        return new Run(p.exitValue(), output);
    }

    /**
     * The part of ingest-service's and alert-service's APIs the demo uses, in their shapes; like the services, every
     * request without {@code Authorization: Bearer <admin key>} gets a 401 problem.
     */
    private static final class FakeApis {

        private static final ObjectMapper JSON = new ObjectMapper();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<JsonNode> subscriptions = new CopyOnWriteArrayList<>();
        final List<JsonNode> sources = new CopyOnWriteArrayList<>();
        private final String key;
        private final HttpServer server;

        FakeApis(String key) throws IOException {
            this.key = key;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            calls.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, JSON.createObjectNode().put("status", 401).put("title", "Unauthorized"));
                return;
            }
            switch (method + " " + path) {
                case "GET /subscriptions" -> reply(exchange, 200, JSON.valueToTree(subscriptions));
                case "GET /sources" -> reply(exchange, 200, JSON.valueToTree(sources));
                case "POST /subscriptions" -> {
                    ObjectNode created = ((ObjectNode) JSON.readTree(body)).put("id", UUID.randomUUID().toString());
                    subscriptions.add(created);
                    reply(exchange, 201, created);
                }
                case "POST /sources" -> {
                    ObjectNode created = ((ObjectNode) JSON.readTree(body)).put("id", sources.size() + 1);
                    sources.add(created);
                    reply(exchange, 201, created);
                }
                case "POST /sources/1/fetch" -> reply(exchange, 200, JSON.createObjectNode().put("outcome", "ok")
                        .put("itemsPublished", 2));
                default -> reply(exchange, 404, JSON.createObjectNode().put("status", 404));
            }
        }

        private static void reply(HttpExchange exchange, int status, JsonNode json) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(json);
            exchange.getResponseHeaders().set("Content-Type",
                    status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }

    private static Optional<Path> executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String argument(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }

    /** Compose's ${VAR:-default} with VAR unset, as on a machine with no .env file. */
    private static String resolve(String value) {
        Matcher m = DEFAULTED.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = System.getenv(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(set != null && !set.isEmpty() ? set : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String query(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Optional<Path> psql() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Paths.get(dir, "psql");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        try (Stream<Path> versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
