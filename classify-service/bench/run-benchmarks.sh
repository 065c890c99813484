#!/usr/bin/env bash
# JMH benchmarks of classify-service (classes named *Benchmark under src/test/java/io/dyad/classify/bench), never run
# by mvn verify. From the repository root: classify-service/bench/run-benchmarks.sh [JMH options]
# e.g. classify-service/bench/run-benchmarks.sh ClassifyBenchmark -f 1 -wi 3 -i 5 -t 1
# The forked benchmark JVM runs with a 256 MB heap (-Xmx256m), the memory budget of issue 4.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl classify-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
java -Xmx256m -cp "classify-service/target/test-classes:classify-service/target/classes:$(cat classify-service/target/test.cp)" \
  org.openjdk.jmh.Main -jvmArgs "-Xms256m -Xmx256m" "${@:-Benchmark}"
