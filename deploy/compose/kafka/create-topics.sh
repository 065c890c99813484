#!/usr/bin/env bash
# Creates Dyad's topics in the compose stack's broker, each with PARTITIONS partitions (12, as on Kubernetes, so each
# consumer stage can run up to 12 replicas), and exits. Safe to run again: existing topics are left alone.
# The same topics, partitions and retention are declared as KafkaTopic resources in deploy/k8s/base/kafka/topics.yaml.
set -euo pipefail

BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:-kafka:9092}"
PARTITIONS="${PARTITIONS:-12}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
TOPICS_CMD="${KAFKA_TOPICS_CMD:-/opt/kafka/bin/kafka-topics.sh}"  # the CLI of the apache/kafka image

create_topic() { # name retention.ms
  "$TOPICS_CMD" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists --topic "$1" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" \
    --config "retention.ms=$2" --config cleanup.policy=delete
}

# topic                      retention.ms (raw 3 days: enough to replay classification; tagged 7 days; DLQs 14 days)
create_topic dyad.articles.raw          259200000
create_topic dyad.articles.raw.dlq      1209600000
create_topic dyad.articles.tagged       604800000
create_topic dyad.articles.tagged.dlq   1209600000

"$TOPICS_CMD" --bootstrap-server "$BOOTSTRAP_SERVERS" --describe --topic 'dyad\..*' | grep -E '^Topic:' || true
echo "Dyad topics are ready."
