package io.dyad.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in this JVM. Used by the services'
 * tests, the system tests and the local launcher.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final boolean deleteOnClose;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path logDir, boolean deleteOnClose) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throwaway broker on random free ports with a temporary log dir, deleted on close. */
    public static EmbeddedKafka startTemporary(int defaultPartitions) {
        try {
            Path dir = Files.createTempDirectory("dyad-kafka-");
            return start(dir, FreePorts.next(), FreePorts.next(), defaultPartitions, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker on {@code port} (controller on {@code controllerPort}) with its data in {@code logDir}; the dir
     * is formatted on first use and reused afterwards, so a restart keeps the topics and offsets.
     */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort, int defaultPartitions,
            boolean deleteOnClose) {
        return start(logDir, port, controllerPort, defaultPartitions, deleteOnClose, Map.of());
    }

    /**
     * As {@link #start(Path, int, int, int, boolean)}, with broker settings replaced or added by {@code overrides}
     * (the load benchmark runs the broker with Kafka's own flush defaults instead of a flush per message).
     */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort, int defaultPartitions,
            boolean deleteOnClose, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", String.valueOf(defaultPartitions));
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        props.put("unclean.leader.election.enable", "true");
        props.putAll(overrides);
        format(logDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, "127.0.0.1:" + port, logDir, deleteOnClose);
    }

    private static void format(Path logDir, Properties props) {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            Path config = Files.createTempFile("dyad-kafka-", ".properties");
            try (Writer writer = Files.newBufferedWriter(config)) {
                props.store(writer, "dyad embedded broker");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // execute, not main: main calls System.exit.
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString(), "-g"}, new PrintStream(out, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (rc != 0) {
                throw new IllegalStateException("formatting the Kafka log dir failed: " + out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log dir " + logDir, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(int partitions, String... topics) {
        createTopics(bootstrapServers, partitions, List.of(topics));
    }

    public static void createTopics(String bootstrapServers, int partitions, Collection<String> topics) {
        try (Admin admin = admin(bootstrapServers)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).collect(Collectors.toList());
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + topics, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Committed-offset lag of {@code group} on {@code topic}: records it has not yet committed, summed over partitions. */
    public static long groupLag(String bootstrapServers, String group, String topic) {
        try (Admin admin = admin(bootstrapServers)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> ends = offsets(admin, topic, OffsetSpec.latest());
            return ends.entrySet().stream().mapToLong(e -> {
                OffsetAndMetadata done = committed.get(e.getKey());
                return e.getValue() - (done == null ? 0 : done.offset());
            }).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of group " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Moves the committed offsets of {@code group} on {@code topic} back to the earliest record, so its next member
     * re-reads everything. The group must have no members; retries for a while until the last one has left.
     */
    public static void resetGroupToEarliest(String bootstrapServers, String group, String topic)
            throws InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
                    offsets(admin, topic, OffsetSpec.earliest()).forEach((tp, offset) ->
                            earliest.put(tp, new OffsetAndMetadata(offset)));
                    admin.alterConsumerGroupOffsets(group, earliest).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("cannot reset group " + group, e.getCause());
                    }
                    Thread.sleep(500); // members still leaving the group
                }
            }
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static Admin admin(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            Directories.deleteRecursively(logDir);
        }
    }
}
