package io.dyad.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The repository these tests check: its root, its files, and YAML/JSON read as Jackson trees. */
final class Repo {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The three services, in pipeline order. */
    static final List<String> SERVICES = List.of("ingest-service", "classify-service", "alert-service");

    private static Path root;

    private Repo() {
    }

    /** System property {@code dyad.root} when set, else the nearest directory up from here with docker-compose.yml. */
    static synchronized Path root() {
        if (root == null) {
            String configured = System.getProperty("dyad.root");
            if (configured != null && !configured.isBlank()) {
                root = Paths.get(configured).toAbsolutePath().normalize();
            } else {
                Path dir = Paths.get("").toAbsolutePath();
                while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
                    dir = dir.getParent();
                }
                if (dir == null) {
                    throw new IllegalStateException("no docker-compose.yml above " + Paths.get("").toAbsolutePath()
                            + "; set -Ddyad.root to the repository root");
                }
                root = dir;
            }
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + relative, e);
        }
    }

    /** Every non-empty document of a multi-document YAML stream. */
    static List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML", e);
        }
        return docs;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Quarkus/SmallRye's mapping of a property name to its environment variable: non-alphanumerics to '_', upper. */
    static String envName(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    /** An image reference is pinned when it names a tag other than latest, or a digest. */
    static boolean pinned(String image) {
        if (image == null || image.isBlank()) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isBlank() && !tag.equals("latest") && !tag.contains("$");
    }
}
