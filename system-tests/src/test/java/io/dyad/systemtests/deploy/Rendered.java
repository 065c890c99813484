package io.dyad.systemtests.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** One kustomize overlay rendered by {@code kubectl kustomize}, as parsed resources. */
final class Rendered {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    final String overlay;
    final List<JsonNode> resources;

    private Rendered(String overlay, List<JsonNode> resources) {
        this.overlay = overlay;
        this.resources = resources;
    }

    /** Renders {@code deploy/k8s/overlays/<overlay>}; skips the calling test when kubectl is not installed. */
    static Rendered overlay(String overlay) {
        Optional<Path> kubectl = kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed (it renders the kustomize overlays); skipping");
        return CACHE.computeIfAbsent(overlay, o -> render(kubectl.get(), o));
    }

    private static Rendered render(Path kubectl, String overlay) {
        Path dir = Repo.path("deploy/k8s/overlays/" + overlay);
        try {
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Path err = Files.createTempFile("kustomize-" + overlay, ".err");
            try {
                Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " took longer than 2 minutes");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + Files.readString(err));
                }
                return new Rendered(overlay, Repo.yamlDocuments(Files.readString(out, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).collect(Collectors.toList());
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(name(r))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                "overlay " + overlay + " renders no " + kind + " named " + name));
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    /** True when every label of {@code selector} (a matchLabels map, or a selector with matchLabels/Expressions) holds. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions")
                ? selector.path("matchLabels") : selector;
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            List<String> values = Repo.YAML.convertValue(expression.path("values"), List.class);
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
