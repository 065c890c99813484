#!/usr/bin/env bash
# CPU per article of the packaged classify-service's Kafka path (ConsumePathBench): broker in this JVM, the service as
# a process with the operators' JVM settings, a backlog phase and a fixed-rate phase. From the repository root:
#   classify-service/bench/run-consume-path.sh [-Ddyad.bench.label=after] [-Ddyad.bench.articles=12000]
#     [-Ddyad.bench.warmup=4000] [-Ddyad.bench.rate=150] [-Ddyad.bench.rateSeconds=30] [-Ddyad.bench.idleSeconds=10]
#     [-Ddyad.bench.jfr=/tmp/classify.jfr] [-Ddyad.bench.jvmOptions="..."] [-Ddyad.bench.app=classify-service/target/quarkus-app]
# Package the service first (mvn -B -o -pl classify-service package -DskipTests). Report: classify-service/target/bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl classify-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
java -Xmx768m "$@" \
  -cp "classify-service/target/test-classes:classify-service/target/classes:$(cat classify-service/target/test.cp)" \
  io.dyad.classify.bench.pipeline.ConsumePathBench
