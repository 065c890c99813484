package io.dyad.systemtests.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's own throughput on this machine, measured in the same run and with the same records (generated
 * RawArticle JSON) and producer settings as the pipeline's input, so the pipeline can be given as a share of it.
 */
final class KafkaBaseline {

    record Result(int records, double avgRecordBytes, double producerRecordsPerSecond, double producerMbPerSecond,
            double consumerRecordsPerSecond) {
    }

    private KafkaBaseline() {
    }

    static Result measure(String bootstrapServers, KafkaOffsets offsets, int partitions, int records,
            ArticleGenerator generator) {
        String topic = "bench.kafka-baseline";
        offsets.createTopic(topic, partitions);
        List<String> payloads = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 500; i++) {
            String json = generator.next().json();
            payloads.add(json);
            bytes += json.length();
        }
        double avg = bytes / 500.0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                RawPublisher.producerConfig(bootstrapServers), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, payloads.get(i % payloads.size())));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int read = 0;
        long consumeStart = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        double consumeSeconds = (System.nanoTime() - consumeStart) / 1e9;
        return new Result(records, avg, records / produceSeconds, records * avg / produceSeconds / 1e6,
                read / consumeSeconds);
    }
}
