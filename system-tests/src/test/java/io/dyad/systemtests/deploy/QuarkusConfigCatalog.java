package io.dyad.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Quarkus configuration keys a service really has: every property documented by the extensions on its runtime
 * classpath, read from the metadata each extension jar ships ({@code META-INF/quarkus-config-doc/
 * quarkus-config-model.json}), with its environment variable and its phase (only {@code RUN_TIME} properties can be
 * changed by env on a packaged app). The extensions are the {@code io.quarkus} dependencies of the service's pom and,
 * transitively, of their poms in the local Maven repository — so {@code quarkus.mailer.*} counts only for a service
 * that depends on quarkus-mailer.
 */
final class QuarkusConfigCatalog {

    private static final String GROUP = "io.quarkus";
    private static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    /** Env variable name, or a regex for names with map keys, to the property's phase. */
    private final Map<String, String> exact = new LinkedHashMap<>();
    private final Map<Pattern, String> patterns = new LinkedHashMap<>();
    private final Set<String> extensions;

    private QuarkusConfigCatalog(Set<String> extensions) {
        this.extensions = extensions;
    }

    static QuarkusConfigCatalog forModule(Path moduleDir) {
        String version = quarkusVersion();
        Set<String> artifacts = closure(directQuarkusDependencies(moduleDir.resolve("pom.xml")), version);
        QuarkusConfigCatalog catalog = new QuarkusConfigCatalog(artifacts);
        for (String artifact : artifacts) {
            Path jar = artifactFile(artifact, version, "jar");
            if (Files.exists(jar)) {
                catalog.readModel(jar);
            }
        }
        if (catalog.exact.isEmpty()) {
            throw new IllegalStateException("found no Quarkus config metadata for " + moduleDir.getFileName()
                    + " in " + localRepository() + " (extensions " + artifacts + "); build the module once first");
        }
        return catalog;
    }

    Set<String> extensions() {
        return extensions;
    }

    /** The phase of the property behind this env variable, if an extension of the service documents one. */
    Optional<String> phaseOf(String env) {
        String phase = exact.get(env);
        if (phase != null) {
            return Optional.of(phase);
        }
        return patterns.entrySet().stream().filter(e -> e.getKey().matcher(env).matches()).map(Map.Entry::getValue)
                .findFirst();
    }

    private void readModel(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(MODEL);
            if (entry == null) {
                return;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                collect(Repo.JSON.readTree(in), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private void collect(JsonNode node, String phase) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, phase));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String here = node.hasNonNull("phase") ? node.get("phase").asText() : phase;
        if (node.hasNonNull("environmentVariable") && node.hasNonNull("property") && here != null) {
            add(node.get("property").asText(), node.get("environmentVariable").asText(), here);
        }
        node.elements().forEachRemaining(child -> collect(child, here));
    }

    private void add(String property, String env, String phase) {
        if (!property.contains("\"")) {
            exact.putIfAbsent(env, phase);
            return;
        }
        // a map key ("datasource-name", "categories", ...) stands for any name
        StringBuilder regex = new StringBuilder();
        Matcher quoted = Pattern.compile("\"[^\"]*\"").matcher(property);
        int last = 0;
        while (quoted.find()) {
            regex.append(Pattern.quote(Repo.envName(property.substring(last, quoted.start())))).append("[A-Z0-9_]+");
            last = quoted.end();
        }
        regex.append(Pattern.quote(Repo.envName(property.substring(last))));
        patterns.putIfAbsent(Pattern.compile(regex.toString()), phase);
    }

    // --- the service's Quarkus extensions --------------------------------------------------------------------------

    private static String quarkusVersion() {
        Document pom = xml(Repo.path("pom.xml"));
        NodeList props = pom.getElementsByTagName("quarkus.platform.version");
        if (props.getLength() == 0) {
            throw new IllegalStateException("the root pom has no quarkus.platform.version");
        }
        return props.item(0).getTextContent().trim();
    }

    private static Set<String> directQuarkusDependencies(Path pomFile) {
        return quarkusDependencies(xml(pomFile), GROUP);
    }

    private static Set<String> closure(Set<String> direct, String version) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(direct);
        while (!todo.isEmpty()) {
            String artifact = todo.pop();
            if (!seen.add(artifact)) {
                continue;
            }
            Path pom = artifactFile(artifact, version, "pom");
            if (Files.exists(pom)) {
                todo.addAll(quarkusDependencies(xml(pom), GROUP));
            }
        }
        return seen;
    }

    /** artifactIds of the compile/runtime, non-optional dependencies in {@code group} (written or as project.groupId). */
    private static Set<String> quarkusDependencies(Document pom, String group) {
        Set<String> artifacts = new LinkedHashSet<>();
        Element project = pom.getDocumentElement();
        Element dependencies = child(project, "dependencies");
        if (dependencies == null) {
            return artifacts;
        }
        String projectGroup = text(project, "groupId");
        if (projectGroup == null) {
            Element parent = child(project, "parent");
            projectGroup = parent == null ? null : text(parent, "groupId");
        }
        for (Element dependency : children(dependencies, "dependency")) {
            String groupId = text(dependency, "groupId");
            if ("${project.groupId}".equals(groupId)) {
                groupId = projectGroup;
            }
            String scope = text(dependency, "scope");
            String type = text(dependency, "type");
            boolean optional = "true".equals(text(dependency, "optional"));
            if (group.equals(groupId) && !optional && (scope == null || scope.equals("compile") || scope.equals("runtime"))
                    && (type == null || type.equals("jar"))) {
                artifacts.add(text(dependency, "artifactId"));
            }
        }
        return artifacts;
    }

    private static Path artifactFile(String artifact, String version, String extension) {
        return localRepository().resolve(GROUP.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + "." + extension);
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Document xml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
