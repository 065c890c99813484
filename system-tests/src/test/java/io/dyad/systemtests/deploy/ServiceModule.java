package io.dyad.systemtests.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the deployment files must agree with, read from a service module itself: its {@code application.properties}
 * (prod profile), its {@code @ConfigMapping} interfaces, its Quarkus extensions' config keys, its HTTP port and the
 * Kafka topics and consumer groups its channels use.
 */
final class ServiceModule {

    private static final Map<String, ServiceModule> CACHE = new ConcurrentHashMap<>();
    private static final Pattern CHANNEL_CONNECTOR =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

    final String name;
    final Path dir;
    /** Effective prod-profile properties: unprefixed keys, overridden by {@code %prod.} ones. */
    final Map<String, String> properties;
    /** Every key application.properties sets in any profile (profile prefix removed). */
    final Set<String> propertyKeys;
    /** Keys of the service's {@code @ConfigMapping} interfaces; a {@code *} segment stands for a map key. */
    final Set<String> mappingKeys;
    private QuarkusConfigCatalog catalog;

    private ServiceModule(String name) {
        this.name = name;
        this.dir = Repo.path(name);
        Path props = dir.resolve("src/main/resources/application.properties");
        if (!Files.exists(props)) {
            throw new AssertionError(name + " has no src/main/resources/application.properties");
        }
        Properties raw = new Properties();
        try {
            raw.load(new StringReader(Repo.read(props)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> effective = new LinkedHashMap<>();
        Map<String, String> prod = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String key : raw.stringPropertyNames()) {
            String value = raw.getProperty(key).trim();
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                String profiles = key.substring(1, dot);
                String bare = key.substring(dot + 1);
                keys.add(bare);
                if (List.of(profiles.split(",")).contains("prod")) {
                    prod.put(bare, value);
                }
            } else {
                keys.add(key);
                effective.put(key, value);
            }
        }
        effective.putAll(prod);
        this.properties = effective;
        this.propertyKeys = keys;
        this.mappingKeys = ConfigMappings.keys(dir.resolve("src/main/java"));
    }

    static ServiceModule of(String name) {
        return CACHE.computeIfAbsent(name, ServiceModule::new);
    }

    synchronized QuarkusConfigCatalog catalog() {
        if (catalog == null) {
            catalog = QuarkusConfigCatalog.forModule(dir);
        }
        return catalog;
    }

    int httpPort() {
        String port = properties.get("quarkus.http.port");
        if (port == null) {
            throw new AssertionError(name + " does not set quarkus.http.port");
        }
        return Integer.parseInt(port);
    }

    boolean usesDatabase() {
        return properties.containsKey("quarkus.datasource.db-kind") || properties.containsKey("quarkus.datasource.jdbc.url");
    }

    /**
     * Why {@code env} is not a configuration key this service reads when set as an environment variable, or empty
     * when it is one. QUARKUS_* must be a run-time property of one of the service's extensions; anything else must
     * be a key of its application.properties, of its @ConfigMapping interfaces, or the Kafka connector's
     * bootstrap servers.
     */
    Optional<String> whyNotAConfigKey(String env) {
        if (env.startsWith("QUARKUS_")) {
            Optional<String> phase = catalog().phaseOf(env);
            if (phase.isEmpty()) {
                return Optional.of(env + " is no config key of the Quarkus extensions " + name + " depends on ("
                        + catalog().extensions().size() + " with their dependencies; see its pom.xml)");
            }
            if (!phase.get().equals("RUN_TIME")) {
                return Optional.of(env + " is fixed at build time (" + phase.get() + "); setting it at run time has no effect");
            }
            return Optional.empty();
        }
        if (env.equals("KAFKA_BOOTSTRAP_SERVERS")) {
            return Optional.empty();
        }
        boolean known = propertyKeys.stream().map(Repo::envName).anyMatch(env::equals)
                || mappingKeys.stream().anyMatch(key -> envPattern(key).matcher(env).matches());
        return known ? Optional.empty()
                : Optional.of(env + " is neither in " + name + "'s application.properties nor in its @ConfigMapping "
                        + "interfaces " + mappingKeys);
    }

    private static Pattern envPattern(String key) {
        StringBuilder regex = new StringBuilder();
        String[] parts = key.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(Repo.envName(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }

    /** One Kafka channel of the service. */
    record Channel(String name, boolean incoming, String topic, String groupId, String deadLetterTopic) {
    }

    List<Channel> kafkaChannels() {
        List<Channel> channels = new ArrayList<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            Matcher m = CHANNEL_CONNECTOR.matcher(e.getKey());
            if (!m.matches() || !e.getValue().equals("smallrye-kafka")) {
                continue;
            }
            String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
            boolean incoming = m.group(1).equals("incoming");
            String topic = properties.getOrDefault(prefix + "topic", m.group(2));
            String group = null;
            String dlq = null;
            if (incoming) {
                group = properties.getOrDefault(prefix + "group.id",
                        properties.getOrDefault("mp.messaging.connector.smallrye-kafka.group.id",
                                properties.get("quarkus.application.name")));
                if ("dead-letter-queue".equals(properties.get(prefix + "failure-strategy"))) {
                    dlq = properties.getOrDefault(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2));
                }
            }
            channels.add(new Channel(m.group(2), incoming, topic, group, dlq));
        }
        return channels;
    }

    /** Every topic the service reads, writes or dead-letters to. */
    Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (Channel c : kafkaChannels()) {
            topics.add(c.topic());
            if (c.deadLetterTopic() != null) {
                topics.add(c.deadLetterTopic());
            }
        }
        return topics;
    }

    /** The consumer group reading {@code topic}, if the service consumes it. */
    Optional<String> consumerGroupOf(String topic) {
        return kafkaChannels().stream().filter(c -> c.incoming() && c.topic().equals(topic)).map(Channel::groupId)
                .findFirst();
    }

    /** Reads @ConfigMapping interfaces well enough for typed config: prefix, methods, nested interfaces, maps. */
    static final class ConfigMappings {

        private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
        private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
        private static final Pattern METHOD = Pattern.compile(
                "((?:@\\w+(?:\\s*\\([^)]*\\))?\\s*)*)([\\w.]+(?:\\s*<[^;()]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
        private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");

        private ConfigMappings() {
        }

        static Set<String> keys(Path sources) {
            Set<String> keys = new LinkedHashSet<>();
            if (!Files.isDirectory(sources)) {
                return keys;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String source = withoutComments(Repo.read(f));
                    Matcher mapping = MAPPING.matcher(source);
                    if (mapping.find()) {
                        Map<String, String> bodies = interfaceBodies(source);
                        Matcher first = INTERFACE.matcher(source);
                        if (first.find(mapping.end())) {
                            collect(first.group(1), mapping.group(1), bodies, keys, 0);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return keys;
        }

        private static void collect(String type, String prefix, Map<String, String> bodies, Set<String> keys, int depth) {
            String body = bodies.get(type);
            if (body == null || depth > 10) {
                return;
            }
            Matcher m = METHOD.matcher(body);
            while (m.find()) {
                Matcher named = WITH_NAME.matcher(m.group(1));
                String key = prefix + "." + (named.find() ? named.group(1) : kebab(m.group(3)));
                String returned = m.group(2).replaceAll("\\s", "");
                String inner = returned.replaceFirst("^(Optional|java\\.util\\.Optional)<(.+)>$", "$2");
                if (returned.startsWith("Map<") || returned.startsWith("java.util.Map<")) {
                    String value = returned.substring(returned.indexOf(',') + 1, returned.length() - 1);
                    if (bodies.containsKey(value)) {
                        collect(value, key + ".*", bodies, keys, depth + 1);
                    } else {
                        keys.add(key + ".*");
                    }
                } else if (bodies.containsKey(inner)) {
                    collect(inner, key, bodies, keys, depth + 1);
                } else {
                    keys.add(key);
                }
            }
        }

        /** Each interface's own body, with the bodies of interfaces nested in it cut out. */
        private static Map<String, String> interfaceBodies(String source) {
            Map<String, String> bodies = new LinkedHashMap<>();
            Matcher m = INTERFACE.matcher(source);
            while (m.find()) {
                int open = m.end() - 1;
                int close = matchingBrace(source, open);
                String body = source.substring(open + 1, close);
                StringBuilder own = new StringBuilder();
                int depth = 0;
                for (char c : body.toCharArray()) {
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                        own.append(';'); // ends the nested declaration
                        continue;
                    }
                    if (depth == 0) {
                        own.append(c);
                    }
                }
                // a nested "interface X" header is left behind without its body: drop it
                bodies.put(m.group(1), own.toString().replaceAll("\\binterface\\s+\\w+[^;{]*;", ";"));
            }
            return bodies;
        }

        private static int matchingBrace(String s, int open) {
            int depth = 0;
            for (int i = open; i < s.length(); i++) {
                if (s.charAt(i) == '{') {
                    depth++;
                } else if (s.charAt(i) == '}' && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalStateException("unbalanced braces");
        }

        /**
         * Comments removed and string, text-block and char literals blanked (except the strings of @WithName and
         * @ConfigMapping), so braces inside them do not count. A plain scan: regexes over long literals overflow.
         */
        private static String withoutComments(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                    while (i < n && source.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int close = source.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                    out.append(' ');
                } else if (c == '"' || c == '\'') {
                    boolean block = c == '"' && source.startsWith("\"\"\"", i);
                    String end = block ? "\"\"\"" : String.valueOf(c);
                    int j = i + end.length();
                    while (j < n && !source.startsWith(end, j)) {
                        j += source.charAt(j) == '\\' ? 2 : 1;
                    }
                    int after = Math.min(n, j + end.length());
                    String before = out.substring(Math.max(0, out.length() - 40));
                    boolean keep = c == '"' && !block
                            && before.matches("(?s).*@(WithName|ConfigMapping)\\s*\\(\\s*(prefix\\s*=\\s*)?$");
                    out.append(keep ? source.substring(i, after) : "\"\"");
                    i = after;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        static String kebab(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                    .toLowerCase();
        }
    }
}
