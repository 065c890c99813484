package io.dyad.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The services' images, checked without a Docker engine: the Quarkus fast-jar layout, a pinned base image, a non-root
 * user, the documented build command and name, env keys the service reads — and the HEALTHCHECK command, which is
 * run here with bash against a real HTTP server that answers like a ready, an unready and an absent service.
 */
class DockerfilesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ingest-service", "classify-service", "alert-service"})
    void usesTheQuarkusJvmLayoutAPinnedBaseAndANonRootUser(String svc) {
        Dockerfile file = Dockerfile.of(svc);
        SoftAssertions soft = new SoftAssertions();
        List<String> from = file.all("FROM");
        soft.assertThat(from).as("%s FROM", svc).hasSize(1);
        from.forEach(f -> soft.assertThat(Repo.pinned(f.split("\\s+")[0])).as("%s base image %s pinned", svc, f).isTrue());

        List<String> copies = file.all("COPY");
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            soft.assertThat(copies).as("%s copies %s", svc, part).anyMatch(c -> c.contains(part));
        }
        String user = file.last("USER").orElse("");
        soft.assertThat(user).as("%s USER", svc).matches("\\d+(:\\d+)?").isNotEqualTo("0").doesNotStartWith("0:");
        // USER comes after the COPYs, so the app runs unprivileged
        int lastCopy = indexOfLast(file, "COPY");
        int lastUser = indexOfLast(file, "USER");
        soft.assertThat(lastUser).as("%s USER after COPY", svc).isGreaterThan(lastCopy);

        int port = ServiceModule.of(svc).httpPort();
        soft.assertThat(file.exposed()).as("%s EXPOSE", svc).containsExactly(port);
        soft.assertThat(file.env().get("QUARKUS_HTTP_PORT")).as("%s ENV QUARKUS_HTTP_PORT", svc).isEqualTo(String.valueOf(port));
        for (String key : file.env().keySet()) {
            if (key.startsWith("QUARKUS_") || key.startsWith("DYAD_") || key.startsWith("KAFKA_")) {
                soft.assertThat(ServiceModule.of(svc).whyNotAConfigKey(key)).as("%s ENV %s", svc, key).isEmpty();
            }
        }
        soft.assertThat(file.env().get("JAVA_APP_JAR")).as("%s runs the fast-jar", svc).isEqualTo("/deployments/quarkus-run.jar");
        soft.assertThat(file.last("ENTRYPOINT")).as("%s ENTRYPOINT", svc).isPresent();

        // the build command the file documents makes the image compose and Kubernetes run
        soft.assertThat(file.text()).as("%s documents its build", svc).contains("mvn -B package -DskipTests")
                .contains("docker build -f " + svc + "/src/main/docker/Dockerfile.jvm -t ghcr.io/dyad-news/" + svc + ":0.1.0 " + svc);
        soft.assertThat(file.healthcheck()).as("%s HEALTHCHECK", svc).isPresent();
        soft.assertThat(file.healthcheckOptions()).as("%s HEALTHCHECK timing", svc).contains("--interval=", "--start-period=");
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ingest-service", "classify-service", "alert-service"})
    void theHealthCheckPassesOnlyWhenTheServiceIsReady(String svc) throws Exception {
        List<String> command = Dockerfile.of(svc).healthcheck().orElseThrow();
        assumeTrue(Files.isExecutable(Paths.get(command.get(0))), command.get(0) + " is not on this machine");
        assertThat(String.join(" ", command)).contains("/q/health/ready");

        AtomicInteger readiness = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean ready = exchange.getRequestURI().getPath().equals("/q/health/ready");
            int status = ready ? readiness.get() : 404;
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThat(run(command, port)).as("ready service").isZero();
            readiness.set(503);
            assertThat(run(command, port)).as("unready service (a dependency down)").isNotZero();
            assertThat(run(command, freePort())).as("nothing listening").isNotZero();
        } finally {
            server.stop(0);
        }
    }

    private static int run(List<String> command, int port) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("health check did not finish within 20 s");
        }
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int indexOfLast(Dockerfile file, String instruction) {
        int index = -1;
        for (int i = 0; i < file.instructions().size(); i++) {
            if (file.instructions().get(i)[0].equals(instruction)) {
                index = i;
            }
        }
        return index;
    }
}
