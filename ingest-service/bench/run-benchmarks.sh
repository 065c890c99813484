#!/usr/bin/env bash
# JMH benchmarks of ingest-service (classes named *Benchmark under src/test/java/io/dyad/ingest/bench).
# Run from the repository root: ingest-service/bench/run-benchmarks.sh [JMH options, e.g. ExtractionBenchmark -f 1]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl ingest-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
java -cp "ingest-service/target/test-classes:ingest-service/target/classes:$(cat ingest-service/target/test.cp)" \
  org.openjdk.jmh.Main "${@:-Benchmark}"
